"""Runs a batch of JOSE operations with python3-jwcrypto, for test/interop/jwcrypto-families.test.ts.

Reads one JSON object on stdin:
  {"keys": {name: spec}, "ops": [op, ...]}
where a key spec is {"generate": jwcrypto JWK.generate parameters} (a fresh key) or
{"jwk": a private JWK} (one a previous batch made), and writes one JSON object on stdout:
  {"version": jwcrypto's version, "keys": {name: {"private": JWK, "public": JWK}},
   "results": [result, ...]}   (one result per op, in order)
where a result is {"ok": true, "value": ...} or {"ok": false, "error": class name, "message": ...}.
A symmetric key's "public" JWK is the secret itself.

Ops ("key" names a key; algs lists are jwcrypto's allowed_algs, so nothing else is accepted):
  encrypt  {key, header, plaintext}   -> compact JWE of the UTF-8 plaintext to the public key
  decrypt  {key, token, algs}         -> {plaintext, header}  with the private key
  sign     {key, header, payload}     -> compact JWS of the UTF-8 payload with the private key
  verify   {key, token, algs}         -> {payload, header}    with the public key
"""
import json
import sys
from importlib.metadata import version

from jwcrypto import jwe, jwk, jws


def main():
    batch = json.load(sys.stdin)
    keys = {}
    for name, spec in batch['keys'].items():
        if 'generate' in spec:
            private = jwk.JWK.generate(**spec['generate'])
        else:
            private = jwk.JWK(**spec['jwk'])
        public = jwk.JWK(**json.loads(private.export_public())) if private.has_public else private
        keys[name] = (private, public)

    def encrypt(op):
        token = jwe.JWE(op['plaintext'].encode('utf-8'), json.dumps(op['header']))
        token.allowed_algs = [op['header']['alg'], op['header']['enc']]
        token.add_recipient(keys[op['key']][1])
        return token.serialize(compact=True)

    def decrypt(op):
        token = jwe.JWE()
        token.allowed_algs = op['algs']
        token.deserialize(op['token'], keys[op['key']][0])
        return {'plaintext': token.payload.decode('utf-8'), 'header': token.jose_header}

    def sign(op):
        token = jws.JWS(op['payload'].encode('utf-8'))
        token.allowed_algs = [op['header']['alg']]
        token.add_signature(keys[op['key']][0], None, json.dumps(op['header']))
        return token.serialize(compact=True)

    def verify(op):
        token = jws.JWS()
        token.allowed_algs = op['algs']
        token.deserialize(op['token'], keys[op['key']][1])
        return {'payload': token.payload.decode('utf-8'), 'header': token.jose_header}

    handlers = {'encrypt': encrypt, 'decrypt': decrypt, 'sign': sign, 'verify': verify}
    results = []
    for op in batch['ops']:
        try:
            results.append({'ok': True, 'value': handlers[op['op']](op)})
        except Exception as error:  # pylint: disable=broad-except
            results.append({'ok': False, 'error': type(error).__name__, 'message': str(error)})
    exported = {name: {'private': private.export(as_dict=True),
                       'public': public.export(private_key=False, as_dict=True) if private.has_public
                       else private.export(as_dict=True)}
                for name, (private, public) in keys.items()}
    json.dump({'version': version('jwcrypto'), 'keys': exported, 'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
