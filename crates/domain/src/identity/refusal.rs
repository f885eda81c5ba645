//! Why a sign-in through a provider was refused: a stable code for the audit log and the API,
//! and a message in Swedish and English for the person trying to sign in. The messages never
//! say more than the person needs (which claim failed is in the audit log, not on the page).

use crate::FieldError;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No provider with that number is configured (any longer).
    UnknownProvider,
    /// The callback carried no state, or one never issued or already used (a replay).
    UnknownState,
    /// The sign-in was started too long ago.
    ExpiredState,
    /// The callback reached a browser other than the one that started the sign-in.
    OtherBrowser,
    /// The provider answered with an error (the person cancelled, or it refused them).
    ProviderError,
    /// The provider could not be reached, or answered something that is not OpenID Connect.
    Unreachable,
    /// The authorisation code was not accepted at the token endpoint.
    CodeRejected,
    /// The ID token is not a well-formed signed JWT.
    Malformed,
    /// The token's algorithm is not one we accept for the key (`none`, HMAC, a mismatch).
    Algorithm,
    /// No key of the provider's key set fits the token.
    UnknownKey,
    /// The signature does not verify with the provider's key.
    Signature,
    /// `iss` is not the provider's issuer.
    Issuer,
    /// We (the client) are not an audience of the token, or `azp` names another client.
    Audience,
    /// The token has expired.
    Expired,
    /// The token was issued in the future, or too long ago.
    IssuedAt,
    /// The token's nonce is not the one of this sign-in.
    Nonce,
    /// A re-authentication was asked for and the provider did not say when it took place, or
    /// it took place before it was asked for.
    NotReauthenticated,
    /// The provider does not vouch for the e-mail address (`email_verified` is not true).
    UnverifiedEmail,
    /// No account and no person in the register has the e-mail address.
    NoAccount,
    /// The account is disabled.
    Disabled,
    /// The provider's account is another than the signed-in one (re-authentication).
    OtherAccount,
    /// Too many sign-ins were started from the address and left unanswered (`starts`).
    TooManyStarts,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::UnknownProvider => "unknown_provider",
            Refusal::UnknownState => "unknown_state",
            Refusal::ExpiredState => "expired_state",
            Refusal::OtherBrowser => "other_browser",
            Refusal::ProviderError => "provider_error",
            Refusal::Unreachable => "provider_unreachable",
            Refusal::CodeRejected => "code_rejected",
            Refusal::Malformed => "token_malformed",
            Refusal::Algorithm => "token_algorithm",
            Refusal::UnknownKey => "token_key_unknown",
            Refusal::Signature => "token_signature",
            Refusal::Issuer => "token_issuer",
            Refusal::Audience => "token_audience",
            Refusal::Expired => "token_expired",
            Refusal::IssuedAt => "token_issued_at",
            Refusal::Nonce => "token_nonce",
            Refusal::NotReauthenticated => "not_reauthenticated",
            Refusal::UnverifiedEmail => "email_unverified",
            Refusal::NoAccount => "no_account",
            Refusal::Disabled => "account_disabled",
            Refusal::OtherAccount => "other_account",
            Refusal::TooManyStarts => "too_many_starts",
        }
    }

    /// What the person is told, in Swedish and English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Refusal::UnknownProvider => (
                "Den inloggningstjänsten finns inte här. Välj en av dem på sidan.",
                "That sign-in service is not available here. Choose one on the page.",
            ),
            Refusal::UnknownState | Refusal::OtherBrowser => (
                "Inloggningen kunde inte slutföras: svaret hör inte till en inloggning som pågår i den här webbläsaren. Börja om.",
                "The sign-in could not be completed: the answer does not belong to a sign-in in progress in this browser. Start again.",
            ),
            Refusal::ExpiredState => {
                ("Inloggningen tog för lång tid. Börja om.", "The sign-in took too long. Start again.")
            }
            Refusal::ProviderError => (
                "Inloggningstjänsten avbröt inloggningen. Försök igen eller kontakta din IT-avdelning.",
                "The sign-in service stopped the sign-in. Try again or contact your IT department.",
            ),
            Refusal::Unreachable | Refusal::CodeRejected => (
                "Inloggningstjänsten svarade inte som väntat. Försök igen om en stund.",
                "The sign-in service did not answer as expected. Try again in a while.",
            ),
            Refusal::Malformed
            | Refusal::Algorithm
            | Refusal::UnknownKey
            | Refusal::Signature
            | Refusal::Issuer
            | Refusal::Audience
            | Refusal::Nonce => (
                "Inloggningstjänstens svar kunde inte styrkas och godtogs inte. Händelsen har loggats.",
                "The sign-in service's answer could not be verified and was not accepted. The event has been logged.",
            ),
            Refusal::Expired | Refusal::IssuedAt => (
                "Inloggningstjänstens svar var för gammalt eller felaktigt daterat. Börja om; kvarstår felet, kontakta din IT-avdelning.",
                "The sign-in service's answer was too old or wrongly dated. Start again; if it persists, contact your IT department.",
            ),
            Refusal::NotReauthenticated => (
                "Du behöver logga in på nytt hos inloggningstjänsten för att justera. Försök igen.",
                "You need to sign in again at the sign-in service to approve. Try again.",
            ),
            Refusal::UnverifiedEmail => (
                "Inloggningstjänsten har inte bekräftat din e-postadress, så den kan inte kopplas till ett konto här.",
                "The sign-in service has not verified your e-mail address, so it cannot be linked to an account here.",
            ),
            Refusal::NoAccount => (
                "Det finns inget konto eller någon person i registret med din e-postadress. Kontakta en administratör.",
                "There is no account or person in the register with your e-mail address. Contact an administrator.",
            ),
            Refusal::Disabled => ("Kontot är avstängt.", "The account is disabled."),
            Refusal::OtherAccount => (
                "Du loggade in hos inloggningstjänsten med ett annat konto än det du är inloggad med här.",
                "You signed in at the sign-in service with another account than the one signed in here.",
            ),
            Refusal::TooManyStarts => (
                "För många inloggningar har påbörjats från din adress utan att slutföras. Vänta några minuter och försök igen.",
                "Too many sign-ins have been started from your address without being completed. Wait a few minutes and try again.",
            ),
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        let (sv, en) = self.words();
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// The refusal as an error at `field` of the page that shows it.
    pub fn at(self, field: &str) -> FieldError {
        let (sv, en) = self.words();
        FieldError::new(field, self.code(), sv, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Refusal] = &[
        Refusal::UnknownProvider,
        Refusal::UnknownState,
        Refusal::ExpiredState,
        Refusal::OtherBrowser,
        Refusal::ProviderError,
        Refusal::Unreachable,
        Refusal::CodeRejected,
        Refusal::Malformed,
        Refusal::Algorithm,
        Refusal::UnknownKey,
        Refusal::Signature,
        Refusal::Issuer,
        Refusal::Audience,
        Refusal::Expired,
        Refusal::IssuedAt,
        Refusal::Nonce,
        Refusal::NotReauthenticated,
        Refusal::UnverifiedEmail,
        Refusal::NoAccount,
        Refusal::Disabled,
        Refusal::OtherAccount,
        Refusal::TooManyStarts,
    ];

    #[test]
    fn every_refusal_has_its_own_code_and_words_in_both_languages() {
        let codes: std::collections::HashSet<_> = ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), ALL.len());
        for r in ALL {
            let (sv, en) = r.words();
            assert!(!sv.is_empty() && !en.is_empty() && sv != en, "{r:?}");
            assert_eq!(r.at("provider").field, "provider");
        }
    }
}
