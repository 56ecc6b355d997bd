// TLS shims for NetReadyTLS: OpenSSL macros, which Swift cannot call. `static inline`, so only the modules that call
// them (NetReadyTLS, which links libssl) get code; the other users of CNetReadyShims need no OpenSSL library.
#ifndef CNETREADYSHIMS_TLS_SHIMS_H
#define CNETREADYSHIMS_TLS_SHIMS_H

#include <openssl/ssl.h>

// SSL_set_tlsext_host_name is a macro (over SSL_ctrl), which Swift cannot call. 1 on success.
static inline int CNetReadyShims_SSL_set_tlsext_host_name(SSL *_Nonnull ssl, const char *_Nonnull name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

// SSL_CTX_set_min_proto_version is a macro (over SSL_CTX_ctrl), which Swift cannot call. 1 on success.
static inline int CNetReadyShims_SSL_CTX_set_min_proto_version(SSL_CTX *_Nonnull context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}

// SSL_get_peer_tmp_key is a macro (over SSL_ctrl), which Swift cannot call; it names the key exchange group in
// OpenSSL 3.0, which has no SSL_get_negotiated_group. The caller frees the key. NULL when there is none.
static inline EVP_PKEY *_Nullable CNetReadyShims_SSL_get_peer_tmp_key(SSL *_Nonnull ssl) {
    EVP_PKEY *key = NULL;
    if (SSL_get_peer_tmp_key(ssl, &key) != 1) {
        return NULL;
    }
    return key;
}

#endif // CNETREADYSHIMS_TLS_SHIMS_H
