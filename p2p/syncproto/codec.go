package syncproto

import (
	"encoding/binary"
	"fmt"

	"hoso/store"
)

// enc builds a payload.
type enc struct{ b []byte }

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) bytes(v []byte)   { e.uvarint(uint64(len(v))); e.b = append(e.b, v...) }
func (e *enc) marks(ms []Mark) {
	e.uvarint(uint64(len(ms)))
	for _, m := range ms {
		e.b = append(e.b, m.Origin[:]...)
		e.uvarint(m.Seq)
	}
}

// Decoder reads a payload of uvarints and length-prefixed byte strings,
// remembering the first error (wrapping ErrProtocol) so a caller checks
// once, at End. Other binary texts of the node (the enrolment text) use it
// too, so every decoder refuses non-minimal numbers alike.
type Decoder struct {
	b   []byte
	off int
	err error
}

// NewDecoder reads b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

// Err is the first error met, if any.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrProtocol, what)
	}
}

// Uvarint reads a minimally encoded uvarint; what names it in the error.
func (d *Decoder) Uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	// Minimal encodings only: a message has one byte form.
	if n <= 0 || n != len(binary.AppendUvarint(nil, v)) {
		d.fail(what)
		return 0
	}
	d.off += n
	return v
}

// Bytes reads a length-prefixed byte string of at most limit bytes. The
// result aliases the payload.
func (d *Decoder) Bytes(what string, limit int) []byte {
	n := d.Uvarint(what)
	if d.err != nil || n > uint64(limit) || uint64(len(d.b)-d.off) < n {
		d.fail(what)
		return nil
	}
	v := d.b[d.off : d.off+int(n)]
	d.off += int(n)
	return v
}

func (d *Decoder) marks(what string) []Mark {
	n := d.Uvarint(what)
	if n > MaxMarks || uint64(len(d.b)-d.off) < n*(store.OriginLen+1) {
		d.fail(what)
		return nil
	}
	out := make([]Mark, 0, n)
	for range n {
		if d.err != nil || len(d.b)-d.off < store.OriginLen {
			d.fail(what)
			return nil
		}
		var m Mark
		copy(m.Origin[:], d.b[d.off:])
		d.off += store.OriginLen
		m.Seq = d.Uvarint(what)
		out = append(out, m)
	}
	return out
}

func (d *Decoder) seals(what string) []store.BatchSig {
	n := d.Uvarint(what)
	const size = store.OriginLen + store.SignatureLen
	if d.err != nil || n > MaxCerts || uint64(len(d.b)-d.off) < n*size {
		d.fail(what)
		return nil
	}
	var out []store.BatchSig
	for range n {
		var sl store.BatchSig
		copy(sl.Origin[:], d.b[d.off:])
		copy(sl.Sig[:], d.b[d.off+store.OriginLen:])
		d.off += size
		out = append(out, sl)
	}
	return out
}

// End is the first error met, or one when bytes are left over.
func (d *Decoder) End() error {
	if d.err == nil && d.off != len(d.b) {
		d.fail("trailing bytes")
	}
	return d.err
}

// EncodeHello is a Hello's payload.
func EncodeHello(h Hello) []byte {
	var e enc
	e.bytes(h.Chain)
	e.uvarint(h.Token)
	e.marks(h.Changed)
	e.uvarint(uint64(h.Clock))
	e.uvarint(h.Count)
	return e.b
}

// DecodeHello reads a Hello's payload.
func DecodeHello(b []byte) (Hello, error) {
	d := Decoder{b: b}
	h := Hello{Chain: d.Bytes("chain", MaxChain), Token: d.Uvarint("token"), Changed: d.marks("changed")}
	h.Clock = int64(d.Uvarint("clock"))
	h.Count = d.Uvarint("count")
	return h, d.End()
}

// EncodeMarks is a Marks message's payload.
func EncodeMarks(ms []Mark) []byte {
	var e enc
	e.marks(ms)
	return e.b
}

// DecodeMarks reads a Marks message's payload.
func DecodeMarks(b []byte) ([]Mark, error) {
	d := Decoder{b: b}
	ms := d.marks("marks")
	return ms, d.End()
}

// EncodeBatch is a Batch's payload: the events' bodies compressed, their
// signatures apart.
func EncodeBatch(bt Batch) []byte {
	var e enc
	e.uvarint(bt.No)
	e.marks(bt.Vouch)
	e.uvarint(uint64(len(bt.Certs)))
	for _, c := range bt.Certs {
		e.bytes(c)
	}
	e.uvarint(uint64(len(bt.Seals)))
	for _, sl := range bt.Seals {
		e.b = append(e.b, sl.Origin[:]...)
		e.b = append(e.b, sl.Sig[:]...)
	}
	// The events' signatures (64 random bytes each, a third of a batch)
	// travel apart, uncompressed: zstd cannot shrink them and spent half
	// its time trying.
	var body enc
	body.uvarint(uint64(len(bt.Events)))
	sigs := make([]byte, 0, len(bt.Events)*store.SignatureLen)
	for _, ev := range bt.Events {
		raw := ev.Raw()
		cut := len(raw) - store.SignatureLen
		body.bytes(raw[:cut])
		sigs = append(sigs, raw[cut:]...)
	}
	e.bytes(zenc.EncodeAll(body.b, nil))
	e.bytes(sigs)
	return e.b
}

// DecodeBatch reads a Batch's payload. Events are decoded (not yet
// verified: the store checks signatures on ingest).
func DecodeBatch(b []byte) (Batch, error) {
	d := Decoder{b: b}
	bt := Batch{No: d.Uvarint("batch number"), Vouch: d.marks("vouch")}
	n := d.Uvarint("certs")
	if n > MaxCerts {
		d.fail("certs")
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		bt.Certs = append(bt.Certs, d.Bytes("cert", MaxChain))
	}
	bt.Seals = d.seals("seals")
	packed := d.Bytes("events", MaxFrame)
	sigs := d.Bytes("signatures", MaxFrame)
	if err := d.End(); err != nil {
		return Batch{}, err
	}
	raw, err := zdec.DecodeAll(packed, nil)
	if err != nil || len(raw) > MaxBatchRaw {
		return Batch{}, fmt.Errorf("%w: batch does not decompress: %v", ErrProtocol, err)
	}
	body := Decoder{b: raw}
	count := body.Uvarint("event count")
	if body.err != nil || count > store.MaxBatchEvents || uint64(len(sigs)) != count*store.SignatureLen {
		return Batch{}, fmt.Errorf("%w: %d events and %d bytes of signatures", ErrProtocol, count, len(sigs))
	}
	bt.Events = make([]*store.Event, 0, count)
	for i := range count {
		unsigned := body.Bytes("event", store.MaxEventLen-store.SignatureLen)
		if body.err != nil {
			return Batch{}, body.err
		}
		buf := make([]byte, 0, len(unsigned)+store.SignatureLen)
		buf = append(append(buf, unsigned...), sigs[i*store.SignatureLen:(i+1)*store.SignatureLen]...)
		ev, err := store.DecodeEventOwned(buf)
		if err != nil {
			return Batch{}, fmt.Errorf("%w: event %d: %v", ErrProtocol, i, err)
		}
		bt.Events = append(bt.Events, ev)
	}
	if err := body.End(); err != nil {
		return Batch{}, err
	}
	return bt, nil
}

// EncodeUint is an Ack's or an End's payload: one uvarint.
func EncodeUint(v uint64) []byte { return binary.AppendUvarint(nil, v) }

// DecodeUint reads an Ack's or an End's payload.
func DecodeUint(b []byte) (uint64, error) {
	d := Decoder{b: b}
	v := d.Uvarint("number")
	return v, d.End()
}

// EncodeFail is a Fail's payload.
func EncodeFail(f Fail) []byte {
	var e enc
	e.bytes([]byte(f.Code))
	e.bytes([]byte(f.Message))
	return e.b
}

// DecodeFail reads a Fail's payload.
func DecodeFail(b []byte) (Fail, error) {
	d := Decoder{b: b}
	f := Fail{Code: string(d.Bytes("code", MaxFailCode)), Message: string(d.Bytes("message", MaxFailMessage))}
	return f, d.End()
}
