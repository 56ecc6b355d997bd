import NetReadyHTTP
import Testing

/// Proxy URLs become reportable text only without their credentials.
struct ProxySettingsTests {
    @Test func userInfoIsReplaced() {
        #expect(ProxySettings.withoutCredentials("http://user:secret@proxy:3128") == "http://***@proxy:3128")
        #expect(ProxySettings.withoutCredentials("user:secret@proxy:3128") == "***@proxy:3128")
        #expect(ProxySettings.withoutCredentials("http://u:pa/ss@w@proxy:3128/") == "http://***@proxy:3128/")
        #expect(ProxySettings.withoutCredentials("http://proxy:3128") == "http://proxy:3128")
        #expect(ProxySettings.withoutCredentials("localhost,127.0.0.1") == "localhost,127.0.0.1")
    }

    @Test func reportableHostProxyHasNoCredentials() {
        let settings = ProxySettings(
            option: nil,
            environment: [
                "HTTPS_PROXY": "http://puser:pw777@10.0.0.1:3128", "all_proxy": "socks5://u:p@10.0.0.2:1080",
                "NO_PROXY": "localhost", "HOME": "/root", "HTTP_PROXY": "",
            ])
        #expect(
            settings.reportable(redact: false) == [
                "https_proxy": "http://***@10.0.0.1:3128", "all_proxy": "socks5://***@10.0.0.2:1080",
                "no_proxy": "localhost",
            ])
        #expect(settings.reportable(redact: true).values.allSatisfy { $0 == "redacted" })
        #expect(settings.isConfigured)
        #expect(!ProxySettings(option: nil, environment: ["NO_PROXY": "localhost"]).isConfigured)
    }

    @Test func scrubRemovesUserInfoAndItsParts() {
        let settings = ProxySettings(
            option: "http://opt%40user:optPass1@127.0.0.1:1", environment: ["https_proxy": "http://envuser:envPW2@h:2"])
        let text = "Unsupported proxy syntax in 'http://opt%40user:optPass1@127.0.0.1:1'; user opt@user, envPW2 envuser"
        let scrubbed = settings.scrub(text)
        for secret in ["opt%40user", "opt@user", "optPass1", "envuser", "envPW2"] {
            #expect(!scrubbed.contains(secret))
        }
        #expect(scrubbed.contains("127.0.0.1:1"))
    }
}
