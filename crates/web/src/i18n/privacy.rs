//! The texts of the personal-data tools (GDPR, rule 22, ADR 35).

use domain::error::Lang;

super::catalogue! {
    "privacy.title" => "Personuppgifter", "Personal data";
    "privacy.intro" => "Alla ställen där registret har personens personuppgifter. Att ta bort uppgifterna från webben raderar e-post och telefon och döljer namnet i publicerade protokoll där personen inte är förtroendevald; de arkiverade, justerade versionerna behålls oförändrade.", "Every place the register keeps the person's personal data. Removing the data from the web deletes e-mail and phone and hides the name in published protocols where the person is not an elected representative; the archived, adjusted versions are kept unchanged.";
    "privacy.person_page" => "Personens sida", "The person's page";
    "privacy.extract" => "Registerutdrag", "Register extract";
    "privacy.extract_pdf" => "Registerutdraget som PDF", "The register extract as PDF";
    "privacy.extract_date" => "Utdraget gjordes", "Extract made on";
    "privacy.export" => "Allt om personen som JSON", "Everything about the person as JSON";
    "privacy.register" => "Uppgifter i personregistret", "Details in the people register";
    "privacy.attendance" => "Närvaro vid möten", "Attendance at meetings";
    "privacy.protocols" => "Protokollversioner som nämner personen", "Protocol versions that name the person";
    "privacy.approvals" => "Justeringar", "Approvals";
    "privacy.messages" => "E-post i utkorgen", "E-mail in the outbox";
    "privacy.answers" => "Remissvar", "Referral answers";
    "privacy.inputs" => "Inspel till processer", "Inputs to processes";
    "privacy.survey_responses" => "Enkätsvar", "Survey responses";
    "privacy.accounts" => "Konton", "Accounts";
    "privacy.in_log" => "I loggen", "In the log";
    "privacy.remove" => "Ta bort personuppgifter från webben", "Remove personal data from the web";
    "privacy.remove_intro" => "Ange skälet, till exempel en begäran om radering (artikel 17) eller att personen har slutat. Skälet sparas i loggen.", "Give the reason, for instance a request for erasure (article 17) or that the person has left. The reason is kept in the log.";
    "privacy.removed" => "Personuppgifterna är borttagna från webben", "The personal data has been removed from the web";
    "privacy.removed_by" => "Borttagna av", "Removed by";
    "privacy.masked_note" => "Personuppgifter har tagits bort från den publicerade kopian av protokollet ([borttaget]). Den arkiverade, justerade versionen är oförändrad och kontrollsummorna gäller den.", "Personal data has been removed from the published copy of this protocol ([borttaget]). The archived, adjusted version is unchanged and the checksums refer to it.";
    "privacy.purpose_title" => "Ändamål", "Purpose";
    "privacy.purpose" => "Uppgifterna behandlas för att organisera den regionala samverkan: organens sammansättning, kallelser, protokoll och utskick.", "The data is processed to organise the regional joint work: the bodies' composition, notices, protocols and mail.";
    "privacy.basis_title" => "Rättslig grund", "Legal basis";
    "privacy.basis" => "Uppgift av allmänt intresse och myndighetsutövning (artikel 6.1 e) samt arkivlagen (1990:782) för protokoll.", "A task in the public interest and the exercise of official authority (article 6.1 e), and the Archives Act (1990:782) for protocols.";
    "privacy.recipients_title" => "Mottagare", "Recipients";
    "privacy.recipients" => "Förtroendevaldas namn och parti publiceras på webben. Övriga uppgifter visas bara för inloggade användare och administratörer.", "Elected representatives' names and parties are published on the web. Other details are shown only to signed-in users and administrators.";
    "privacy.storage_title" => "Lagringstid", "Storage period";
    "privacy.storage" => "Uppgifterna i registret sparas så länge personen har uppdrag; justerade protokoll bevaras enligt arkivlagen.", "Details in the register are kept while the person holds assignments; adjusted protocols are preserved under the Archives Act.";
    "privacy.rights_title" => "Dina rättigheter", "Your rights";
    "privacy.rights" => "Du har rätt till rättelse, radering från webben, begränsning och att klaga hos Integritetsskyddsmyndigheten (artiklar 16–18 och 77).", "You have the right to rectification, removal from the web, restriction and to complain to the Swedish Authority for Privacy Protection (articles 16–18 and 77).";
}
