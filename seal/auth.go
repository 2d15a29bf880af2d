package seal

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
)

// What the AEADs and the check value authenticate. Every encoding here is a
// sequence of length-prefixed fields under a domain string, so no two
// different records, purposes or versions share an input.

// header is the authenticated encoding of every field except the wraps'
// nonces and ciphertexts and the check: fixed order, length-prefixed, with
// the optional sections tagged so that no two records share an encoding.
func (r *record) header() []byte {
	var e fieldEncoder
	e.str("hoso-datakey header v1")
	e.str(r.Format)
	e.u32(uint32(r.Version))
	e.str(string(r.Method))
	e.str(r.KeyID)
	e.str(r.Created)
	if w := r.Passphrase; w != nil {
		e.str("passphrase")
		w.params(&e)
	}
	if k := r.KeyFile; k != nil {
		e.str("keyfile")
		e.str(k.Path)
	}
	if v := r.Env; v != nil {
		e.str("env")
		e.str(v.Name)
	}
	if o := r.OS; o != nil {
		e.str("os")
		e.str(o.Store)
		e.str(o.Account)
		e.bytes(o.Blob)
	}
	e.str("recovery")
	r.Recovery.params(&e)
	return e.buf
}

// params appends the wrap's algorithm choices, parameters and salt.
func (w *wrap) params(e *fieldEncoder) {
	e.str(w.KDF)
	e.u32(w.Time)
	e.u32(w.MemoryKiB)
	e.u32(uint32(w.Threads))
	e.bytes(w.Salt)
	e.str(w.AEAD)
}

// checkInput is what the check HMAC covers: the header and both wraps whole.
func (r *record) checkInput() []byte {
	var e fieldEncoder
	e.str("hoso-datakey check v1")
	e.bytes(r.header())
	if w := r.Passphrase; w != nil {
		e.bytes(w.Nonce)
		e.bytes(w.Ciphertext)
	}
	e.bytes(r.Recovery.Nonce)
	e.bytes(r.Recovery.Ciphertext)
	return e.buf
}

// fieldEncoder writes length-prefixed fields, so that concatenated variable
// fields can never be read two ways.
type fieldEncoder struct{ buf []byte }

func (e *fieldEncoder) bytes(b []byte) {
	e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(len(b)))
	e.buf = append(e.buf, b...)
}

func (e *fieldEncoder) str(s string) { e.bytes([]byte(s)) }

func (e *fieldEncoder) u32(v uint32) { e.buf = binary.BigEndian.AppendUint32(e.buf, v) }

// associatedData binds a wrap to its purpose and to the header, which holds
// every field but the nonces, ciphertexts and check (wraps' salts and
// parameters included).
func associatedData(purpose string, header []byte) []byte {
	var e fieldEncoder
	e.str("hoso-datakey wrap v1")
	e.str(purpose)
	e.bytes(header)
	return e.buf
}

// checkValue is the HMAC that lets Unlock recognise the right key.
func checkValue(key []byte, r *record) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(r.checkInput())
	return m.Sum(nil)
}

// verifyCheck reports whether key matches r's check value.
func verifyCheck(key []byte, r *record) bool {
	return len(key) == KeySize && hmac.Equal(checkValue(key, r), r.Check)
}
