//! The fake over https, and the endpoints the real Azure CLI reads before it signs in.
//!
//! `az cloud register --endpoint-resource-manager https://127.0.0.1:PORT/` reads the cloud's
//! metadata (`GET /metadata/endpoints`); `az login --service-principal` then reads the
//! OpenID configuration of the tenant (`/{tenant}/v2.0/.well-known/openid-configuration`,
//! with `core.instance_discovery=false`), asks the token endpoint for a token whose scope is
//! the fake's own URL, and lists `/subscriptions` and `/tenants` (answered by the state, see
//! [`super::state`]). Point az at the certificate with `REQUESTS_CA_BUNDLE`.

use serde_json::{json, Value};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_rustls::rustls;

/// A certificate (DER) and its PKCS#8 private key (DER) for the fake's https listener.
/// Made by the test that starts the fake (e.g. with `rcgen`); never committed.
/// `Debug` leaves out the key.
#[derive(Clone)]
pub struct TlsIdentity {
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// Its private key, PKCS#8 DER.
    pub key_der: Vec<u8>,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsIdentity")
            .field("cert_der", &self.cert_der.len())
            .field("key_der", &"<redacted>")
            .finish()
    }
}

/// The name az knows the fake's cloud by (`az cloud register -n`).
pub const CLOUD_NAME: &str = "FakeAzureLoopback";

pub(crate) fn acceptor(identity: &TlsIdentity) -> std::io::Result<tokio_rustls::TlsAcceptor> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(identity.key_der.clone().into());
    let cert = rustls::pki_types::CertificateDer::from(identity.cert_der.clone());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(std::io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .map_err(std::io::Error::other)?;
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

/// Accepts TLS connections and serves each with the same handler as over http.
pub(super) fn spawn_listener(
    listener: TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    shared: Arc<super::Shared>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (acceptor, shared) = (acceptor.clone(), shared.clone());
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(stream).await {
                    let _ = super::serve(tls, shared).await;
                }
            });
        }
    })
}

/// Whether a token request's scope names the fake itself (az asks for
/// `https://127.0.0.1:PORT/.default`): such a token is good for ARM and Graph alike, as
/// the fake serves both from one origin.
pub(crate) fn is_own_scope(scope: &str) -> bool {
    scope.starts_with("https://127.0.0.1:")
}

/// The unauthenticated endpoints az reads before it has a token: cloud metadata and the
/// OpenID configuration. `base` is `https://127.0.0.1:PORT` (no trailing slash).
pub(crate) fn discovery(method: &str, target: &str, base: &str) -> Option<(u16, Value)> {
    if method != "GET" {
        return None;
    }
    // az joins `{resourceManager}` (with its trailing slash) and `/metadata/…`.
    let path = target
        .split('?')
        .next()
        .unwrap_or("")
        .trim_start_matches('/');
    if path == "metadata/endpoints" {
        return Some((200, metadata(base)));
    }
    let tenant = path.strip_suffix("/v2.0/.well-known/openid-configuration")?;
    if tenant.is_empty() || tenant.contains('/') {
        return None;
    }
    Some((200, openid_configuration(base, tenant)))
}

/// One cloud object, as `GET https://management.azure.com/metadata/endpoints?api-version=2022-09-01`
/// answers it, with every endpoint on the fake.
fn metadata(base: &str) -> Value {
    let root = format!("{base}/");
    json!({
        "galleryEndpoint": root,
        "graphEndpoint": root,
        "graph": root,
        "portal": root,
        "graphAudience": root,
        "activeDirectoryDataLake": root,
        "batch": root,
        "media": root,
        "sqlManagement": root,
        "vmImageAliasDoc": format!("{base}/vmImageAliasDoc"),
        "name": CLOUD_NAME,
        "microsoftGraphResourceId": root,
        "appInsightsResourceId": root,
        "appInsightsTelemetryChannelResourceId": root,
        "attestationResourceId": root,
        "synapseAnalyticsResourceId": root,
        "logAnalyticsResourceId": root,
        "ossrDbmsResourceId": root,
        "authentication": {
            "loginEndpoint": root,
            "audiences": [root],
            "tenant": "common",
            "identityProvider": "AAD"
        },
        "resourceManager": root,
        "suffixes": {
            "azureDataLakeStoreFileSystem": "azuredatalakestore.net",
            "acrLoginServer": "azurecr.io",
            "sqlServerHostname": "database.windows.net",
            "azureDataLakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
            "keyVaultDns": "vault.azure.net",
            "storage": "core.windows.net",
            "azureFrontDoorEndpointSuffix": "azurefd.net",
            "storageSyncEndpointSuffix": "afs.azure.net",
            "mhsmDns": "managedhsm.azure.net",
            "mysqlServerEndpoint": "mysql.database.azure.com",
            "postgresqlServerEndpoint": "postgres.database.azure.com",
            "mariadbServerEndpoint": "mariadb.database.azure.com",
            "synapseAnalytics": "dev.azuresynapse.net",
            "attestationEndpoint": "attest.azure.net"
        }
    })
}

fn openid_configuration(base: &str, tenant: &str) -> Value {
    let t = format!("{base}/{tenant}");
    json!({
        "token_endpoint": format!("{t}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{t}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": format!("{t}/v2.0"),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{base}/oidc/userinfo"),
        "authorization_endpoint": format!("{t}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{t}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{t}/oauth2/v2.0/logout"),
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "tid", "oid"],
        "kerberos_endpoint": format!("{t}/kerberos"),
        "tenant_region_scope": "EU",
        "cloud_instance_name": "127.0.0.1",
        "cloud_graph_host_name": "127.0.0.1",
        "msgraph_host": "127.0.0.1"
    })
}
