//! Texts of the registry's secrecy grants and archive packages (issue 11, ADR 54).

use domain::error::Lang;

super::catalogue! {
    "grant.title" => "Behörighet till sekretessmarkerade handlingar", "Access to secrecy-marked documents";
    "grant.intro" => "Bara organisationens registratorer och de personer de ger behörighet kan läsa sekretessmarkerade handlingar. Ange skälet; behörigheten kan återkallas.", "Only the organisation's registrars and the people they grant access can read secrecy-marked documents. Give the reason; the access can be revoked.";
    "grant.none" => "Ingen har fått behörighet i ärendet.", "Nobody has been granted access in this case.";
    "grant.new" => "Ge behörighet", "Grant access";
    "grant.submit" => "Ge behörighet", "Grant access";
    "grant.grantee" => "Person (kontots e-postadress)", "Person (the account's e-mail address)";
    "grant.document" => "Handling", "Document";
    "grant.all_documents" => "Alla sekretessmarkerade handlingar i ärendet", "All secrecy-marked documents of the case";
    "grant.reason" => "Skäl", "Reason";
    "grant.reason_hint" => "T.ex. handläggning av ärendet eller en sekretessbrytande bestämmelse.", "E.g. handling of the case or a provision that permits disclosure.";
    "grant.until" => "Gäller till och med (valfritt)", "Valid until (optional)";
    "grant.granted" => "Beviljad", "Granted";
    "grant.by" => "av", "by";
    "grant.revoked" => "Återkallad", "Revoked";
    "grant.expired" => "Har upphört", "Expired";
    "grant.active" => "Gäller", "Active";
    "grant.revoke" => "Återkalla", "Revoke";
    "grant.state" => "Läge", "State";
    "grant.scope" => "Omfattning", "Scope";
    "grant.shown_by_grant" => "Du har fått behörighet att läsa sekretessmarkerade handlingar i ärendet.", "You have been granted access to secrecy-marked documents of this case.";
    "field.grantee" => "Person", "Person";
    "field.grant_document" => "Handling", "Document";
    "field.grant_reason" => "Skäl", "Reason";
    "field.grant_until" => "Gäller till och med", "Valid until";
    "archive.title" => "Arkivpaket", "Archive packages";
    "archive.case_link" => "Exportera arkivpaket (ZIP)", "Export an archive package (ZIP)";
    "archive.intro" => "Avslutade ärenden med handlingar och filer som ett arkivpaket: XML enligt FGS Ärendehantering / E-ARK ERMS och filerna med SHA-256-kontrollsummor.", "Closed cases with their documents and files as an archive package: XML after FGS Ärendehantering / E-ARK ERMS, and the files with SHA-256 checksums.";
    "archive.year_export" => "Exportera ett års avslutade ärenden", "Export a year's closed cases";
    "archive.download" => "Hämta arkivpaket", "Download the package";
    "archive.open_requests" => "Begäranden om allmän handling att hantera", "Requests for official documents to handle";
    "home.open_requests" => "öppna begäranden", "open requests";
    "field.archive_year" => "År", "Year";
    "field.archive_organisation" => "Organisation", "Organisation";
}
