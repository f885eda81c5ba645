//! The texts of signing in through an identity provider (ADR 29).

use domain::error::Lang;

super::catalogue! {
    "login.sso" => "Med din organisations konto", "With your organisation's account";
    "login.with" => "Logga in med", "Sign in with";
    "login.local" => "Med e-post och lösenord", "With e-mail address and password";
    "field.provider" => "Inloggningstjänst", "Sign-in service";
    "field.local_passwords" => "Lokala lösenord", "Local passwords";
    "signin.title" => "Inloggning", "Sign-in";
    "signin.intro" => "Inloggningstjänsterna (OpenID Connect) ställs in med miljövariablerna SAMVERKAN_OIDC_<N>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL och _ORGANISATION.", "The sign-in services (OpenID Connect) are set with the environment variables SAMVERKAN_OIDC_<N>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _LABEL and _ORGANISATION.";
    "signin.providers" => "Inloggningstjänster", "Sign-in services";
    "signin.no_providers" => "Ingen inloggningstjänst är inställd: alla loggar in med e-post och lösenord.", "No sign-in service is set up: everybody signs in with e-mail address and password.";
    "signin.redirect_uri" => "Adress att registrera hos tjänsterna (redirect URI)", "Address to register with the services (redirect URI)";
    "signin.post_logout_redirect_uri" => "Adress att registrera för utloggning (post-logout redirect URI)", "Address to register for signing out (post-logout redirect URI)";
    "signin.label" => "Knapp", "Button";
    "signin.issuer" => "Utfärdare", "Issuer";
    "signin.client_id" => "Klient-id", "Client id";
    "signin.organisation" => "Organisation", "Organisation";
    "signin.passwords" => "Lokala lösenord per organisation", "Local passwords per organisation";
    "signin.passwords_hint" => "När lokala lösenord är avstängda loggar organisationens personer in, och justerar protokoll, bara genom organisationens inloggningstjänst.", "When local passwords are switched off, the organisation's people sign in, and approve minutes, only through the organisation's sign-in service.";
    "signin.no_organisations" => "Ingen organisation har en inloggningstjänst.", "No organisation has a sign-in service.";
    "signin.local_passwords" => "Lokala lösenord", "Local passwords";
    "signin.change" => "Ändra", "Change";
    "signin.passwords_on" => "Tillåtna", "Allowed";
    "signin.passwords_off" => "Avstängda: bara inloggningstjänsten", "Switched off: the sign-in service only";
    "signin.switch_off" => "Stäng av lösenord", "Switch passwords off";
    "signin.switch_on" => "Tillåt lösenord", "Allow passwords";
    "protocol.approve_with_intro" => "Läs protokollet nedan. Du justerar genom att logga in på nytt hos din organisations inloggningstjänst.", "Read the minutes below. You approve by signing in again at your organisation's sign-in service.";
    "account.by_password" => "Med lösenord", "With password";
    "account.no_password" => "Inte med lösenord: organisationen har stängt av lokala lösenord", "Not with a password: the organisation has switched local passwords off";
    "protocol.approve_with" => "Justera med", "Approve with";
}
