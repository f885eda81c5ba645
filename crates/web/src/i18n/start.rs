//! Texts of the start page and of an organisation's place in the structure.

use domain::error::Lang;

super::catalogue! {
    "home.to_finish" => "Protokoll du ska färdigställa som sekreterare", "Minutes you are to finish as secretary";
    "home.agenda" => "Kallelse och dagordning", "Notice and agenda";
    "home.findings" => "Brister i dina organ", "Findings in your bodies";
    "home.nothing" => "Inget väntar på dig just nu.", "Nothing is waiting for you right now.";
    "home.needs_you" => "Det här väntar på dig", "What needs you";
    "home.board" => "Senast på anslagstavlan", "Latest on the notice board";
    "home.board_all" => "Hela anslagstavlan", "The whole notice board";
    "home.board_none" => "Inget är anslaget just nu.", "Nothing is posted right now.";
    "home.posted" => "anslaget", "posted";
    "home.coming" => "Kommande möten", "Coming meetings";
    "home.coming_all" => "Alla möten", "All meetings";
    "home.coming_none" => "Inga möten de närmaste 60 dagarna.", "No meetings in the next 60 days.";
    "orgplace.heading" => "Representation i samverkansorgan", "Representation in joint bodies";
    "orgplace.none" => "Organisationen är inte företrädd i något organ just nu.", "The organisation is not represented in any body right now.";
    "orgplace.body" => "Organ", "Body";
    "orgplace.person" => "Företrädare", "Representative";
    "orgplace.role" => "Roll", "Role";
    "orgplace.side" => "Sida", "Side";
    "orgplace.term" => "Mandatperiod", "Term";
    "orgplace.findings" => "Vakanta platser och brister", "Vacant seats and findings";
    "orgplace.no_findings" => "Inga vakanta platser eller andra brister.", "No vacant seats or other findings.";
    "orgplace.meetings" => "Organens kommande möten", "Coming meetings of its bodies";
    "orgplace.no_meetings" => "Inga möten de närmaste 60 dagarna.", "No meetings in the next 60 days.";
}
