// libcrypto for the benchmarks' in-run primitive floor: the bare OpenSSL calls AuthBridgeJWT makes,
// measured beside it on the same keys and input. Its own module, because the root package's
// CAuthBridgeOpenSSL is not a product.
#ifndef C_BENCHMARK_OPENSSL_SHIM_H
#define C_BENCHMARK_OPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

static inline const char *_Nonnull cbench_param_digest(void) { return OSSL_MAC_PARAM_DIGEST; }
static inline const char *_Nonnull cbench_name_sha256(void) { return "SHA256"; }

#endif
