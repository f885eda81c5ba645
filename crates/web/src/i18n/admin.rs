//! Texts of the administrators' pages: the installation's look and the accounts.

use domain::error::Lang;

super::catalogue! {
    "brand.title" => "Utseende", "Appearance";
    "brand.intro" => "Installationens namn, logotyp och accentfärg visas i sidhuvudet, på anslagstavlan och i PDF-handlingarna.", "The installation's name, logo and accent colour are shown in the header, on the notice board and in the PDF documents.";
    "brand.name" => "Installationens namn", "Name of the installation";
    "brand.name_hint" => "Till exempel ”Region Jönköpings län – Samverkan”.", "For example “Region Jönköpings län – Samverkan”.";
    "brand.accent" => "Accentfärg", "Accent colour";
    "brand.accent_hint" => "Som #rrggbb. Sidhuvudets bakgrund bakom vit text: färgen måste ge kontrasten 4,5:1 (WCAG 2.1 AA). Tomt ger produktens egen färg.", "As #rrggbb. The header's background behind white text: the colour must give a contrast of 4.5:1 (WCAG 2.1 AA). Empty gives the product's own colour.";
    "brand.logo" => "Logotyp", "Logo";
    "brand.logo_hint" => "PNG eller SVG, högst 256 kB. Lämna tomt för att behålla den nuvarande.", "PNG or SVG, at most 256 kB. Leave empty to keep the current one.";
    "brand.logo_now" => "Nuvarande logotyp:", "Current logo:";
    "brand.logo_alt" => "Logotyp för", "Logo of";
    "brand.remove_logo" => "Ta bort logotypen", "Remove the logo";
    "field.accent" => "Accentfärg", "Accent colour";
    "field.logo" => "Logotyp", "Logo";
}
