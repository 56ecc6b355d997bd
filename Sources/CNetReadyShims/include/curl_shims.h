// libcurl shims for NetReadyHTTP: curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt
// are C variadics, which Swift cannot call. One typed wrapper per argument type.
#ifndef CNETREADYSHIMS_CURL_SHIMS_H
#define CNETREADYSHIMS_CURL_SHIMS_H

#include <curl/curl.h>

// Callback type of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*CNetReadyShims_curl_data_callback)(char *_Nonnull data, size_t size, size_t count,
                                                    void *_Nullable user);

// curl_easy_setopt is variadic: a long argument (flags, timeouts, numbers).
CURLcode CNetReadyShims_curl_easy_setopt_long(CURL *_Nonnull handle, CURLoption option, long value);

// curl_easy_setopt is variadic: a string argument (URL, proxy, CA file); curl copies it.
CURLcode CNetReadyShims_curl_easy_setopt_string(CURL *_Nonnull handle, CURLoption option,
                                                const char *_Nullable value);

// curl_easy_setopt is variadic: a pointer argument (callback data, error buffer).
CURLcode CNetReadyShims_curl_easy_setopt_pointer(CURL *_Nonnull handle, CURLoption option, void *_Nullable value);

// curl_easy_setopt is variadic: a data callback (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION).
CURLcode CNetReadyShims_curl_easy_setopt_callback(CURL *_Nonnull handle, CURLoption option,
                                                  CNetReadyShims_curl_data_callback _Nullable callback);

// curl_easy_getinfo is variadic: a long result (status, verify result, errno, counts).
CURLcode CNetReadyShims_curl_easy_getinfo_long(CURL *_Nonnull handle, CURLINFO info, long *_Nonnull value);

// curl_easy_getinfo is variadic: a double result (the *_TIME figures, in seconds).
CURLcode CNetReadyShims_curl_easy_getinfo_double(CURL *_Nonnull handle, CURLINFO info, double *_Nonnull value);

// curl_easy_getinfo is variadic: a string result owned by the handle (effective URL, IP).
CURLcode CNetReadyShims_curl_easy_getinfo_string(CURL *_Nonnull handle, CURLINFO info,
                                                 const char *_Nullable *_Nonnull value);

// curl_easy_getinfo is variadic: CURLINFO_CERTINFO's struct, owned by the handle.
CURLcode CNetReadyShims_curl_easy_getinfo_certinfo(CURL *_Nonnull handle,
                                                   struct curl_certinfo *_Nullable *_Nonnull value);

// curl_multi_setopt is variadic: a long argument (connection limits).
CURLMcode CNetReadyShims_curl_multi_setopt_long(CURLM *_Nonnull handle, CURLMoption option, long value);

#endif
