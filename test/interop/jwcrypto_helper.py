"""Runs a batch of JOSE operations with python3-jwcrypto, for test/helpers/jwcrypto-batch.ts.

Reads one JSON object on stdin:
  {"keys": {name: {"private": PKCS#8 PEM, "public": SPKI PEM}}, "ops": [op, ...]}
and writes one JSON object on stdout:
  {"version": jwcrypto's version, "results": [result, ...]}   (one result per op, in order)
where a result is {"ok": true, "value": ...} or {"ok": false, "error": class name, "message": ...}.

Ops ("key" names a key pair; algs lists are jwcrypto's allowed_algs, so nothing else is accepted):
  encrypt  {key, header, plaintext}          -> compact JWE of the UTF-8 plaintext to the public key
  decrypt  {key, token, algs}                -> {plaintext, header}  with the private key
  sign     {key, header, payload}            -> compact JWS of the UTF-8 payload with the private key
  verify   {key, token, algs}                -> {payload, header}    with the public key
  jwt_sign   {key, header, claims}          -> a signed JWT made with jwcrypto.jwt.JWT
  jwt_verify {key, token, algs, check}      -> {claims, header}; `check` is jwcrypto's check_claims
                                               (a null value: present, and for exp/nbf checked
                                               against the clock)
  nest     {signKey, encryptKey, claims, signHeader, encryptHeader}
                                             -> a signed JWT inside a JWE, made with jwcrypto.jwt.JWT
  unnest   {decryptKey, verifyKey, token, encryptionAlgs, algs, check}
                                             -> {claims, header, encryptionHeader} of a nested JWT
"""
import json
import sys
from importlib.metadata import version

from jwcrypto import jwe, jwk, jws, jwt


def main():
    batch = json.load(sys.stdin)
    keys = {}

    def key(name, part):
        if (name, part) not in keys:
            keys[(name, part)] = jwk.JWK.from_pem(batch['keys'][name][part].encode('ascii'))
        return keys[(name, part)]

    def encrypt(op):
        token = jwe.JWE(op['plaintext'].encode('utf-8'), json.dumps(op['header']))
        token.allowed_algs = [op['header']['alg'], op['header']['enc']]
        token.add_recipient(key(op['key'], 'public'))
        return token.serialize(compact=True)

    def decrypt(op):
        token = jwe.JWE()
        token.allowed_algs = op['algs']
        token.deserialize(op['token'], key(op['key'], 'private'))
        return {'plaintext': token.payload.decode('utf-8'), 'header': token.jose_header}

    def sign(op):
        token = jws.JWS(op['payload'].encode('utf-8'))
        token.allowed_algs = [op['header']['alg']]
        token.add_signature(key(op['key'], 'private'), None, json.dumps(op['header']))
        return token.serialize(compact=True)

    def verify(op):
        token = jws.JWS()
        token.allowed_algs = op['algs']
        token.deserialize(op['token'], key(op['key'], 'public'))
        return {'payload': token.payload.decode('utf-8'), 'header': token.jose_header}

    def jwt_sign(op):
        signed = jwt.JWT(header=op['header'], claims=op['claims'])
        signed.make_signed_token(key(op['key'], 'private'))
        return signed.serialize()

    def jwt_verify(op):
        verified = jwt.JWT(jwt=op['token'], key=key(op['key'], 'public'), algs=op['algs'],
                           check_claims=op['check'])
        return {'claims': json.loads(verified.claims), 'header': json.loads(verified.header)}

    def nest(op):
        signed = jwt_sign({'key': op['signKey'], 'header': op['signHeader'], 'claims': op['claims']})
        encrypted = jwt.JWT(header=op['encryptHeader'], claims=signed)
        encrypted.make_encrypted_token(key(op['encryptKey'], 'public'))
        return encrypted.serialize()

    def unnest(op):
        outer = jwt.JWT(jwt=op['token'], key=key(op['decryptKey'], 'private'),
                        algs=op['encryptionAlgs'], check_claims=False)
        inner = jwt_verify({'key': op['verifyKey'], 'token': outer.claims, 'algs': op['algs'],
                            'check': op['check']})
        return {**inner, 'encryptionHeader': json.loads(outer.header)}

    handlers = {'encrypt': encrypt, 'decrypt': decrypt, 'sign': sign, 'verify': verify,
                'jwt_sign': jwt_sign, 'jwt_verify': jwt_verify, 'nest': nest, 'unnest': unnest}
    results = []
    for op in batch['ops']:
        try:
            results.append({'ok': True, 'value': handlers[op['op']](op)})
        except Exception as error:  # pylint: disable=broad-except
            results.append({'ok': False, 'error': type(error).__name__, 'message': str(error)})
    json.dump({'version': version('jwcrypto'), 'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
