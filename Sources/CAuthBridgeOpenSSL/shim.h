// Shims for what does not import into Swift from OpenSSL 3 libcrypto: function-like macros,
// composite constants and the C-string parameter names that OSSL_PARAM keeps pointers to.
#ifndef C_AUTHBRIDGE_OPENSSL_SHIM_H
#define C_AUTHBRIDGE_OPENSSL_SHIM_H

#include <openssl/opensslv.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error "AuthBridge needs OpenSSL 3.0 or later (Debian: libssl-dev)"
#endif

/// `OPENSSL_free` is a macro.
static inline void cab_openssl_free(void *p) { OPENSSL_free(p); }

/// `EVP_PKEY_PUBLIC_KEY` and `EVP_PKEY_KEYPAIR` are composite macros.
static inline int cab_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
static inline int cab_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }

/// `BN_num_bytes` is a macro.
static inline int cab_bn_num_bytes(const BIGNUM *b) { return BN_num_bytes(b); }

// Parameter names with static storage: OSSL_PARAM keeps the pointer, so a Swift temporary would dangle.
static inline const char *_Nonnull cab_param_rsa_n(void) { return OSSL_PKEY_PARAM_RSA_N; }
static inline const char *_Nonnull cab_param_rsa_e(void) { return OSSL_PKEY_PARAM_RSA_E; }
static inline const char *_Nonnull cab_param_rsa_d(void) { return OSSL_PKEY_PARAM_RSA_D; }
static inline const char *_Nonnull cab_param_rsa_p(void) { return OSSL_PKEY_PARAM_RSA_FACTOR1; }
static inline const char *_Nonnull cab_param_rsa_q(void) { return OSSL_PKEY_PARAM_RSA_FACTOR2; }
static inline const char *_Nonnull cab_param_rsa_dp(void) { return OSSL_PKEY_PARAM_RSA_EXPONENT1; }
static inline const char *_Nonnull cab_param_rsa_dq(void) { return OSSL_PKEY_PARAM_RSA_EXPONENT2; }
static inline const char *_Nonnull cab_param_rsa_qi(void) { return OSSL_PKEY_PARAM_RSA_COEFFICIENT1; }
static inline const char *_Nonnull cab_param_group(void) { return OSSL_PKEY_PARAM_GROUP_NAME; }
static inline const char *_Nonnull cab_param_pub(void) { return OSSL_PKEY_PARAM_PUB_KEY; }
static inline const char *_Nonnull cab_param_priv(void) { return OSSL_PKEY_PARAM_PRIV_KEY; }
static inline const char *_Nonnull cab_param_ec_x(void) { return OSSL_PKEY_PARAM_EC_PUB_X; }
static inline const char *_Nonnull cab_param_ec_y(void) { return OSSL_PKEY_PARAM_EC_PUB_Y; }
static inline const char *_Nonnull cab_param_digest(void) { return OSSL_MAC_PARAM_DIGEST; }

static inline const char *_Nonnull cab_group_p256(void) { return "prime256v1"; }
static inline const char *_Nonnull cab_group_p384(void) { return "secp384r1"; }
static inline const char *_Nonnull cab_group_p521(void) { return "secp521r1"; }
static inline const char *_Nonnull cab_name_sha1(void) { return "SHA1"; }
static inline const char *_Nonnull cab_name_sha256(void) { return "SHA256"; }
static inline const char *_Nonnull cab_name_sha384(void) { return "SHA384"; }
static inline const char *_Nonnull cab_name_sha512(void) { return "SHA512"; }

#endif
