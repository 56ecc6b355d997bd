/// URI schemes of well-known protocols netready does not probe itself, with the TCP port each uses
/// (IANA service names), so `ftp://host` is answered with "check tcp://HOST:21" rather than taken for a typo.
enum OtherServiceScheme {
    static let wellKnownPorts: [String: UInt16] = [
        "ftp": 21, "ftps": 990, "sftp": 22, "ssh": 22, "telnet": 23, "smtp": 25, "smtps": 465, "submission": 587,
        "pop": 110, "pop3": 110, "pops": 995, "imap": 143, "imaps": 993, "ldap": 389, "ldaps": 636, "nntp": 119,
        "rdp": 3389, "vnc": 5900, "mysql": 3306, "postgres": 5432, "postgresql": 5432, "redis": 6379,
        "mongodb": 27017, "xmpp": 5222, "irc": 6667, "ircs": 6697, "mqtt": 1883, "mqtts": 8883, "amqp": 5672,
        "amqps": 5671, "nfs": 2049, "smb": 445, "rtsp": 554, "rtmp": 1935, "git": 9418,
    ]
}
