//! The protocol editor (issue 9): the one form of the whole working copy.

use domain::error::Lang;

super::catalogue! {
    "editor.intro" => "Alla knappar i arbetskopian sparar först all text i alla paragrafer.", "Every button of the working copy first saves all the text of every paragraph.";
    "editor.save" => "Spara alla ändringar", "Save all changes";
    "editor.and_the_rest" => "och alla andra paragrafer", "and every other paragraph";
    "editor.up" => "Flytta upp", "Move up";
    "editor.down" => "Flytta ner", "Move down";
    "editor.remove" => "Ta bort", "Remove";
    "editor.open_motion" => "Yrkande", "Proposal";
    "editor.open_vote" => "Votering", "Vote";
    "editor.open_dissent" => "Reservation", "Dissent";
    "editor.open_conflict" => "Jäv", "Conflict of interest";
    "editor.add" => "Lägg till paragraf", "Add paragraph";
    "editor.new_title" => "Rubrik för ny paragraf", "Title of the new paragraph";
    "editor.new_title_hint" => "Till exempel ett ärende som togs upp på mötet.", "For example a matter raised at the meeting.";
    "editor.place" => "Plats", "Position";
    "editor.last" => "Sist", "Last";
    "editor.after" => "Efter", "After";
    "editor.stored" => "Texten som någon annan sparade", "The text someone else saved";
    "field.new-title" => "Rubrik för ny paragraf", "Title of the new paragraph";
}
