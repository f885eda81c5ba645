//! Texts of the platform services: background jobs and the outbox of e-mail.

use domain::error::Lang;

super::catalogue! {
    "jobs.title" => "Bakgrundsjobb", "Background jobs";
    "jobs.hint" => "Jobb som väntar, pågår, har misslyckats eller gett upp. Ett misslyckat jobb körs igen efter en stund; efter åtta försök är det dött tills någon kör det igen.", "Jobs waiting, running, failed or given up. A failed job runs again after a while; after eight attempts it is dead until someone retries it.";
    "jobs.queued" => "Köade", "Queued";
    "jobs.running" => "Pågår", "Running";
    "jobs.failed" => "Misslyckade", "Failed";
    "jobs.dead" => "Döda", "Dead";
    "jobs.done" => "Klara", "Done";
    "jobs.all" => "Alla", "All";
    "jobs.id" => "Nr", "No.";
    "jobs.kind" => "Slag", "Kind";
    "jobs.state" => "Tillstånd", "State";
    "jobs.attempts" => "Försök", "Attempts";
    "jobs.run_at" => "Körs", "Runs at";
    "jobs.error" => "Senaste fel", "Last error";
    "jobs.retry" => "Kör igen", "Retry";
    "jobs.retried" => "Jobbet är köat igen.", "The job is queued again.";
    "outbox.title" => "Utkorg", "Outbox";
    "outbox.smtp_on" => "E-post skickas via den inställda SMTP-servern. Här syns varje meddelande och serverns svar.", "E-mail is sent through the configured SMTP server. Every message and the server's answer are shown here.";
    "outbox.smtp_off" => "Ingen SMTP-server är inställd: meddelandena skickas inte utan stannar här, så att du kan läsa vad som skulle ha skickats.", "No SMTP server is configured: messages are not sent but stay here, so you can read what would have been sent.";
    "outbox.recipient" => "Mottagare", "Recipient";
    "outbox.subject" => "Ämne", "Subject";
    "outbox.status" => "Status", "Status";
    "outbox.answer" => "Serverns svar", "Server's answer";
    "outbox.sent_at" => "Skickat", "Sent";
    "outbox.status_queued" => "Köat", "Queued";
    "outbox.status_sent" => "Skickat", "Sent";
    "outbox.status_failed" => "Misslyckades", "Failed";
    "outbox.status_outbox" => "I utkorgen (inte skickat)", "In the outbox (not sent)";
    "outbox.text_part" => "Textdelen", "Plain-text part";
    "outbox.html_part" => "HTML-delen (källkod)", "HTML part (source)";
    "mail.notice_by_mail" => "Kallelse per e-post", "Notice by e-mail";
    "mail.notice_hint" => "Ledamöter och ersättare med e-postadress får kallelsen med dagordningen, länkar till bilagorna och en kalenderinbjudan. Ändras tid eller plats, eller ställs mötet in, får de besked automatiskt.", "Members and substitutes with an e-mail address receive the notice with the agenda, links to the attachments and a calendar invitation. If the time or place changes, or the meeting is cancelled, they are told automatically.";
    "mail.send_notice" => "Skicka kallelse", "Send notice";
    "mail.notice_sent_on" => "Kallelse skickad {date}", "Notice sent {date}";
    "mail.notice_queued" => "Kallelsen skickas nu till ledamöter och ersättare.", "The notice is being sent to members and substitutes.";
    "outbox.attachments" => "Bifogade filer", "Attached files";
    "outbox.no_attachments" => "Inga bifogade filer.", "No attached files.";
    "outbox.filename" => "Filnamn", "File name";
    "outbox.content_type" => "Typ", "Type";
    "outbox.size" => "Storlek", "Size";
    "person.lang" => "Språk i e-post", "Language of e-mail";
    "person.lang_hint" => "Meddelanden från Samverkan skrivs på det här språket.", "Messages from Samverkan are written in this language.";
    "account.mail" => "E-post från Samverkan", "E-mail from Samverkan";
    "mail.when" => "När du får e-post", "When you get e-mail";
    "mail.kind_notice" => "Kallelser till möten du kallas till", "Notices of meetings you are called to";
    "mail.kind_adjustment" => "Justering av protokoll och påminnelser", "Approval of minutes and reminders";
    "mail.kind_decisions" => "Beslut som skickas till dig", "Decisions sent to you";
    "mail.kind_moderation" => "Remissvar som väntar på din granskning", "Referral answers awaiting your moderation";
    "mail.immediately" => "Direkt", "At once";
    "mail.digest" => "I den dagliga sammanfattningen", "In the daily digest";
    "mail.never" => "Aldrig", "Never";
    "outbox.status_held" => "Väntar på den dagliga sammanfattningen", "Held for the daily digest";
    "outbox.status_digested" => "Skickat i en sammanfattning", "Sent in a digest";
}
