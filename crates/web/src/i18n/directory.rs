//! The texts of the directory import (issue 15, ADR 40).

use domain::error::Lang;

super::catalogue! {
    "directory.title" => "Importera från katalogen", "Import from the directory";
    "directory.intro" => "Håll personregistret i takt med regionens katalog: ladda upp en export som CSV eller SCIM-liknande JSON. Först visas en provkörning av vad som skulle ändras; inget ändras förrän du verkställer den, och då ändras allt eller inget.", "Keep the people register in step with the region's directory: upload an export as CSV or SCIM-like JSON. A dry run of what would change is shown first; nothing changes until you apply it, and then everything changes or nothing does.";
    "directory.file" => "Exportfil", "Export file";
    "directory.file_hint" => "CSV (komma eller semikolon) eller JSON, UTF-8, högst 4 MB.", "CSV (comma or semicolon) or JSON, UTF-8, at most 4 MB.";
    "directory.paste" => "Eller klistra in exporten", "Or paste the export";
    "directory.dry_run" => "Provkör", "Dry run";
    "directory.columns_title" => "Format", "Format";
    "directory.columns" => "CSV: en rad per person och uppdrag. Obligatoriskt: extern_id, fornamn, efternamn, organisation (kommunkod, länskod eller exakt namn). Organ anges med nummer eller exakt namn; roll som ledamot, ersättare, ordförande …; slut är som senast mandatperiodens sista dag och blir det om det saknas.", "CSV: one row per person and seat. Required: extern_id, fornamn, efternamn, organisation (code or exact name). A body is given by its number or exact name; the role as member, substitute, chair …; the end is at the latest the term's last day, and is that day when left out.";
    "directory.scim" => "JSON: en SCIM 2.0 ListResponse med användare (externalId, name, emails, title, organization i enterprise-tillägget, groups med organets nummer i value och role, start, end eller term).", "JSON: a SCIM 2.0 ListResponse of users (externalId, name, emails, title, organization in the enterprise extension, groups with the body's number in value and role, start, end or term).";
    "directory.runs" => "Verkställda importer", "Applied imports";
    "directory.no_runs" => "Ingen import har verkställts ännu.", "No import has been applied yet.";
    "directory.when" => "När", "When";
    "directory.who" => "Av", "By";
    "directory.plan_title" => "Provkörning av importen", "Dry run of the import";
    "directory.plan_intro" => "Så här skulle registret ändras. Inget är ändrat ännu.", "This is how the register would change. Nothing has changed yet.";
    "directory.summary" => "Sammanfattning", "Summary";
    "directory.people_added" => "Nya personer", "People to add";
    "directory.people_updated" => "Ändrade personer", "People to update";
    "directory.people_unchanged" => "Oförändrade personer", "People unchanged";
    "directory.people_gone" => "Inte längre i katalogen", "No longer in the directory";
    "directory.gone_hint" => "Personerna tas inte bort; deras pågående uppdrag avslutas.", "The people are not deleted; their current seats end.";
    "directory.officials_changed" => "Tjänstepersoner som byter titel eller organisation", "Officials changing title or organisation";
    "directory.memberships_added" => "Nya uppdrag", "Memberships to add";
    "directory.memberships_ended" => "Uppdrag som avslutas", "Memberships to end";
    "directory.external_id" => "Katalog-id", "Directory id";
    "directory.changes" => "Ändringar", "Changes";
    "directory.before" => "Före", "Before";
    "directory.after" => "Efter", "After";
    "directory.body" => "Organ", "Body";
    "directory.role" => "Roll", "Role";
    "directory.start" => "Från", "From";
    "directory.end" => "Till och med", "Until";
    "directory.reason" => "Skäl", "Reason";
    "directory.new" => "ny", "new";
    "directory.reason_gone" => "Finns inte längre i katalogen", "No longer in the directory";
    "directory.reason_term" => "Slutar med mandatperioden", "Ends with the term";
    "directory.nothing" => "Registret stämmer redan med katalogen.", "The register already agrees with the directory.";
    "directory.fingerprint" => "Provkörningens fingeravtryck", "The dry run's fingerprint";
    "directory.apply" => "Verkställ importen", "Apply the import";
    "directory.applied" => "Importen är verkställd.", "The import has been applied.";
    "field.data" => "Exporten", "The export";
    "field.fingerprint" => "Fingeravtryck", "Fingerprint";
}
