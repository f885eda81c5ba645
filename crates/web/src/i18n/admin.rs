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
    "account.new" => "Nytt konto", "New account";
    "account.create" => "Skapa kontot", "Create the account";
    "account.first_password" => "Första lösenord", "First password";
    "account.first_password_hint" => "Minst 12 tecken. Lämna det till personen på ett säkert sätt; hen byter det på sin kontosida.", "At least 12 characters. Hand it to the person safely; they change it on their account page.";
    "account.make_admin" => "Administratör (hanterar allt och läser ändringsloggen)", "Administrator (manages everything and reads the audit log)";
    "account.state" => "Status", "State";
    "account.active" => "Aktivt", "Active";
    "account.disabled" => "Avstängt", "Disabled";
    "account.acts_as" => "Agerar som", "Acts as";
    "account.no_person" => "Inte kopplat till någon person", "Not linked to a person";
    "account.roles" => "Roller i organen", "Roles in the bodies";
    "account.no_roles" => "Inga aktiva uppdrag. Koppla kontot till en person för att det ska få personens roller.", "No active assignments. Link the account to a person for it to get the person's roles.";
    "account.secretary" => "sekreterare", "secretary";
    "account.link_person" => "Koppla till en person", "Link to a person";
    "account.find_person" => "Sök person", "Find a person";
    "account.find_person_hint" => "En del av namnet, till exempel ”Carlén”.", "Part of the name, for example “Carlén”.";
    "account.no_match" => "Ingen person har ett sådant namn.", "No person has such a name.";
    "account.link_to" => "Koppla till", "Link to";
    "account.unlink" => "Ta bort kopplingen", "Remove the link";
    "account.rights" => "Behörighet och status", "Rights and state";
    "account.own" => "Det här är ditt eget konto: en annan administratör ändrar dess behörighet och status.", "This is your own account: another administrator changes its rights and state.";
    "account.grant_admin" => "Gör till administratör", "Make administrator";
    "account.revoke_admin" => "Ta bort administratörsbehörigheten", "Withdraw administration";
    "account.disable" => "Stäng av kontot", "Disable the account";
    "account.enable" => "Aktivera kontot igen", "Enable the account again";
    "account.history" => "Kontots historik i ändringsloggen", "The account's history in the audit log";
    "created.account" => "Kontot är skapat.", "The account is created.";
    "field.is_admin" => "Administratör", "Administrator";
    "field.disabled" => "Status", "State";
    "field.sok" => "Sök person", "Find a person";
    "audit.event" => "Vad som hände", "What happened";
    "audit.json" => "Visa som JSON", "Show as JSON";
}
