/** The RFC vectors (data only; see vectors/README.md). Import attributes work in every runtime and in esbuild. */
import rfc7515A2 from '../../vectors/rfc7515-a2-rs256.json' with { type: 'json' }
import rfc7515A1 from '../../vectors/rfc7515-a1-hs256.json' with { type: 'json' }
import thumbprints from '../../vectors/jwk-thumbprints.json' with { type: 'json' }
import cookbook35 from '../../vectors/rfc7520/jwk/3_5.symmetric_key_mac_computation.json' with { type: 'json' }
import cookbook44 from '../../vectors/rfc7520/jws/4_4.hmac-sha2_integrity_protection.json' with { type: 'json' }
import rfc7516A1 from '../../vectors/rfc7516-a1-rsa-oaep-a256gcm.json' with { type: 'json' }
import cookbook34 from '../../vectors/rfc7520/jwk/3_4.rsa_private_key.json' with { type: 'json' }
import cookbook41 from '../../vectors/rfc7520/jws/4_1.rsa_v15_signature.json' with { type: 'json' }
import cookbook42 from '../../vectors/rfc7520/jws/4_2.rsa-pss_signature.json' with { type: 'json' }
import cookbook52 from '../../vectors/rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json' with { type: 'json' }
import cookbook6 from '../../vectors/rfc7520/6.nesting_signatures_and_encryption.json' with { type: 'json' }

export { rfc7515A1, thumbprints, cookbook35, cookbook44, rfc7515A2, rfc7516A1, cookbook34, cookbook41, cookbook42, cookbook52, cookbook6 }
