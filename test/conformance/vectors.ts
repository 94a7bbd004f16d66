/** The RFC vectors (data only; see vectors/README.md). Import attributes work in every runtime and in esbuild. */
import rfc7515A2 from '../../vectors/rfc7515-a2-rs256.json' with { type: 'json' }
import rfc7515A1 from '../../vectors/rfc7515-a1-hs256.json' with { type: 'json' }
import thumbprints from '../../vectors/jwk-thumbprints.json' with { type: 'json' }
import cookbook35 from '../../vectors/rfc7520/jwk/3_5.symmetric_key_mac_computation.json' with { type: 'json' }
import cookbook44 from '../../vectors/rfc7520/jws/4_4.hmac-sha2_integrity_protection.json' with { type: 'json' }
import rfc7515A3 from '../../vectors/rfc7515-a3-es256.json' with { type: 'json' }
import rfc7515A4 from '../../vectors/rfc7515-a4-es512.json' with { type: 'json' }
import rfc7516A1 from '../../vectors/rfc7516-a1-rsa-oaep-a256gcm.json' with { type: 'json' }
import cookbook34 from '../../vectors/rfc7520/jwk/3_4.rsa_private_key.json' with { type: 'json' }
import cookbook41 from '../../vectors/rfc7520/jws/4_1.rsa_v15_signature.json' with { type: 'json' }
import cookbook42 from '../../vectors/rfc7520/jws/4_2.rsa-pss_signature.json' with { type: 'json' }
import cookbook43 from '../../vectors/rfc7520/jws/4_3.ecdsa_signature.json' with { type: 'json' }
import rfc8037 from '../../vectors/rfc7520/curve25519/jws.json' with { type: 'json' }
import cookbook52 from '../../vectors/rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json' with { type: 'json' }
import cookbook6 from '../../vectors/rfc7520/6.nesting_signatures_and_encryption.json' with { type: 'json' }

export { rfc7515A1, thumbprints, cookbook35, cookbook44, rfc7515A2, rfc7516A1, cookbook34, cookbook41, cookbook42, cookbook52, cookbook6 }
export { rfc7515A3, rfc7515A4, rfc8037, cookbook43 }

import rfc7516A2 from '../../vectors/rfc7516-a2-rsa1_5-a128cbc-hs256.json' with { type: 'json' }
import rfc7516A3 from '../../vectors/rfc7516-a3-a128kw-a128cbc-hs256.json' with { type: 'json' }
import rfc7518B from '../../vectors/rfc7518-b-aes-cbc-hmac-sha2.json' with { type: 'json' }
import cookbook51 from '../../vectors/rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json' with { type: 'json' }
import cookbook53 from '../../vectors/rfc7520/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json' with { type: 'json' }
import cookbook56 from '../../vectors/rfc7520/jwe/5_6.direct_encryption_using_aes-gcm.json' with { type: 'json' }
import cookbook57 from '../../vectors/rfc7520/jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json' with { type: 'json' }
import cookbook58 from '../../vectors/rfc7520/jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json' with { type: 'json' }
import cookbook59 from '../../vectors/rfc7520/jwe/5_9.compressed_content.json' with { type: 'json' }

export { rfc7516A2, rfc7516A3, rfc7518B, cookbook51, cookbook53, cookbook56, cookbook57, cookbook58, cookbook59 }

import rfc7518C from '../../vectors/rfc7518-c-ecdh-es.json' with { type: 'json' }
import cookbook54 from '../../vectors/rfc7520/jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json' with { type: 'json' }
import cookbook55 from '../../vectors/rfc7520/jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json' with { type: 'json' }
import rfc8037EcdhEs from '../../vectors/rfc7520/curve25519/ecdh-es.json' with { type: 'json' }

export { rfc7518C, cookbook54, cookbook55, rfc8037EcdhEs }

import rfc9881 from '../../vectors/rfc9881-ml-dsa-keys.json' with { type: 'json' }

export { rfc9881 }

import rfc7516A4 from '../../vectors/rfc7516-a4-general-rsa1_5-a128kw-a128cbc-hs256.json' with { type: 'json' }
import rfc7516A5 from '../../vectors/rfc7516-a5-flattened-a128kw-a128cbc-hs256.json' with { type: 'json' }

export { rfc7516A4, rfc7516A5 }
