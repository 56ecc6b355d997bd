import NetReadyHTTP
import Testing

/// Proxy URLs become reportable text only without their credentials.
@Suite(.timeLimit(.minutes(3)))
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

    /// The proxy chosen for a URL follows libcurl's rules, so a report can name the proxy a failure happened at.
    @Test func proxySelectionFollowsLibcurl() {
        let environment = [
            "HTTP_PROXY": "http://upper-is-ignored:1", "http_proxy": "http://plain:3128",
            "HTTPS_PROXY": "http://secure:3129", "NO_PROXY": ".corp.example, 10.0.0.0/8, localhost",
        ]
        let env = ProxySettings(option: nil, environment: environment)
        #expect(env.proxy(scheme: "http", host: "example.com") == "http://plain:3128")
        #expect(env.proxy(scheme: "https", host: "example.com") == "http://secure:3129")
        #expect(env.proxy(scheme: "wss", host: "example.com") == "http://secure:3129")
        #expect(env.proxy(scheme: "https", host: "crm.corp.example") == nil)
        #expect(env.proxy(scheme: "https", host: "corp.example") == nil)
        #expect(env.proxy(scheme: "https", host: "notcorp.example") == "http://secure:3129")
        #expect(env.proxy(scheme: "https", host: "10.20.30.40") == nil)
        #expect(env.proxy(scheme: "https", host: "11.0.0.1") == "http://secure:3129")
        #expect(env.proxy(scheme: "https", host: "localhost") == nil)
        let all = ProxySettings(option: nil, environment: ["all_proxy": "socks5://s:1080"])
        #expect(all.proxy(scheme: "https", host: "example.com") == "socks5://s:1080")
        let option = ProxySettings(option: "http://opt:8080", environment: environment)
        #expect(option.proxy(scheme: "http", host: "example.com") == "http://opt:8080")
        #expect(option.proxy(scheme: "http", host: "a.corp.example") == nil)
        #expect(ProxySettings(option: "", environment: environment).proxy(scheme: "https", host: "x.org") == nil)
        let everything = ProxySettings(option: nil, environment: ["https_proxy": "http://p:1", "no_proxy": "*"])
        #expect(everything.proxy(scheme: "https", host: "example.com") == nil)
        #expect(ProxySettings(option: nil, environment: ["https_proxy": "http://p:1", "no_proxy": "::1"])
            .proxy(scheme: "https", host: "[::1]") == nil)
    }
}
