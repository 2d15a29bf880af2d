package p2p

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"

	"hoso/store"
)

// ProtocolID is the sync protocol; the major version changes on a breaking
// change, and a node refuses streams of a major it does not speak.
const ProtocolID = "/hoso/sync/1.0.0"

// Wire limits: every read is bounded.
const (
	// maxFrame bounds one frame on the wire (compressed).
	maxFrame = 4 << 20
	// maxBatchRaw bounds a batch once decompressed.
	maxBatchRaw = 16 << 20
	// maxMarks bounds the origins one message lists.
	maxMarks = 1 << 16
	// maxCerts bounds the chains one batch carries.
	maxCerts = 1 << 10
)

// Message types.
const (
	msgHello byte = 1 + iota
	msgMarks
	msgBatch
	msgAck
	msgEnd
	msgFail
)

// Mark is what a node holds of an origin: every event of it up to Seq
// that the node may see.
type Mark struct {
	Origin store.Origin
	Seq    uint64
}

// Hello opens a pull. The client sends its chain and the server's write
// count it last pulled completely (Token); the server answers with its
// chain, its write count now and the origins written since the token
// with its own mark of each (Changed). Equal counts mean nothing new: one
// round trip.
type Hello struct {
	Chain   []byte
	Token   uint64
	Changed []Mark
	// Clock is the sender's time (Unix milliseconds), so each side can
	// show how far the other's clock is off.
	Clock int64
	// Count is the client's own write count: the server pulls back only
	// when it differs from the count it last pulled completely, so two
	// nodes never pull from each other for nothing.
	Count uint64
}

// Batch is a bounded run of events the client lacks, compressed, with the
// certificate chains of their origins and, per origin, the sequence up to
// which the server vouches the client now has every event it may see.
type Batch struct {
	No    uint64
	Vouch []Mark
	Certs [][]byte
	// Seals are origins' signatures over their events in the batch
	// (store.BatchSig): the server seals its own events, so the client checks
	// one signature for them instead of one per event.
	Seals  []store.BatchSig
	Events []*store.Event
}

// Fail ends a stream with a reason the other side logs.
type Fail struct {
	Code    string
	Message string
}

// ErrProtocol is a malformed or out-of-order message: the stream is reset.
var ErrProtocol = errors.New("sync: protocol error")

// The compressor and decompressor are shared: EncodeAll and DecodeAll are
// safe for concurrent use, and building them costs more than a batch. The
// window covers the largest batch (maxBatchBytes): the default one, 8 MB,
// made the compressor keep a 16 MB history buffer once batches grew.
var (
	zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
	zdec, _ = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxBatchRaw), zstd.WithDecoderConcurrency(1))
)

// frameWriter writes length-prefixed frames: uvarint length | type |
// payload.
type frameWriter struct {
	w   *bufio.Writer
	enc *zstd.Encoder
	// sent counts the bytes written, for the figures.
	sent int64
}

func newFrameWriter(w io.Writer) *frameWriter {
	return &frameWriter{w: bufio.NewWriter(w), enc: zenc}
}

func (fw *frameWriter) frame(typ byte, payload []byte) error {
	if len(payload)+1 > maxFrame {
		return fmt.Errorf("%w: frame of %d bytes", ErrProtocol, len(payload))
	}
	var hdr [binary.MaxVarintLen64 + 1]byte
	n := binary.PutUvarint(hdr[:], uint64(len(payload)+1))
	hdr[n] = typ
	if _, err := fw.w.Write(hdr[:n+1]); err != nil {
		return err
	}
	if _, err := fw.w.Write(payload); err != nil {
		return err
	}
	fw.sent += int64(n + 1 + len(payload))
	return fw.w.Flush()
}

// frameReader reads frames, refusing any above maxFrame.
type frameReader struct {
	r   *bufio.Reader
	dec *zstd.Decoder
	// recv counts the bytes read; atomic, as a client's read-ahead
	// goroutine may still be reading when the pull's figures are taken.
	recv atomic.Int64
}

func newFrameReader(r io.Reader) *frameReader {
	return &frameReader{r: bufio.NewReader(r), dec: zdec}
}

func (fr *frameReader) next() (byte, []byte, error) {
	n, err := binary.ReadUvarint(fr.r)
	if err != nil {
		return 0, nil, err
	}
	if n == 0 || n > maxFrame {
		return 0, nil, fmt.Errorf("%w: frame length %d", ErrProtocol, n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(fr.r, b); err != nil {
		return 0, nil, err
	}
	fr.recv.Add(int64(n) + int64(len(binary.AppendUvarint(nil, n))))
	return b[0], b[1:], nil
}

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

// dec reads a payload, remembering the first error.
type dec struct {
	b   []byte
	off int
	err error
}

func (d *dec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrProtocol, what)
	}
}

func (d *dec) uvarint(what string) uint64 {
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

func (d *dec) bytes(what string, limit int) []byte {
	n := d.uvarint(what)
	if d.err != nil || n > uint64(limit) || uint64(len(d.b)-d.off) < n {
		d.fail(what)
		return nil
	}
	v := d.b[d.off : d.off+int(n)]
	d.off += int(n)
	return v
}

func (d *dec) marks(what string) []Mark {
	n := d.uvarint(what)
	if n > maxMarks || uint64(len(d.b)-d.off) < n*(store.OriginLen+1) {
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
		m.Seq = d.uvarint(what)
		out = append(out, m)
	}
	return out
}

func (d *dec) seals(what string) []store.BatchSig {
	n := d.uvarint(what)
	const size = store.OriginLen + store.SignatureLen
	if d.err != nil || n > maxCerts || uint64(len(d.b)-d.off) < n*size {
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

func (d *dec) end() error {
	if d.err == nil && d.off != len(d.b) {
		d.fail("trailing bytes")
	}
	return d.err
}

func encodeHello(h Hello) []byte {
	var e enc
	e.bytes(h.Chain)
	e.uvarint(h.Token)
	e.marks(h.Changed)
	e.uvarint(uint64(h.Clock))
	e.uvarint(h.Count)
	return e.b
}

func decodeHello(b []byte) (Hello, error) {
	d := dec{b: b}
	h := Hello{Chain: d.bytes("chain", 4096), Token: d.uvarint("token"), Changed: d.marks("changed")}
	h.Clock = int64(d.uvarint("clock"))
	h.Count = d.uvarint("count")
	return h, d.end()
}

func encodeMarks(ms []Mark) []byte {
	var e enc
	e.marks(ms)
	return e.b
}

func decodeMarks(b []byte) ([]Mark, error) {
	d := dec{b: b}
	ms := d.marks("marks")
	return ms, d.end()
}

func (fw *frameWriter) encodeBatch(bt Batch) []byte {
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
	e.bytes(fw.enc.EncodeAll(body.b, nil))
	e.bytes(sigs)
	return e.b
}

func (fr *frameReader) decodeBatch(b []byte) (Batch, error) {
	d := dec{b: b}
	bt := Batch{No: d.uvarint("batch number"), Vouch: d.marks("vouch")}
	n := d.uvarint("certs")
	if n > maxCerts {
		d.fail("certs")
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		bt.Certs = append(bt.Certs, d.bytes("cert", 4096))
	}
	bt.Seals = d.seals("seals")
	packed := d.bytes("events", maxFrame)
	sigs := d.bytes("signatures", maxFrame)
	if err := d.end(); err != nil {
		return Batch{}, err
	}
	raw, err := fr.dec.DecodeAll(packed, nil)
	if err != nil || len(raw) > maxBatchRaw {
		return Batch{}, fmt.Errorf("%w: batch does not decompress: %v", ErrProtocol, err)
	}
	body := dec{b: raw}
	count := body.uvarint("event count")
	if body.err != nil || count > store.MaxBatchEvents || uint64(len(sigs)) != count*store.SignatureLen {
		return Batch{}, fmt.Errorf("%w: %d events and %d bytes of signatures", ErrProtocol, count, len(sigs))
	}
	bt.Events = make([]*store.Event, 0, count)
	for i := range count {
		unsigned := body.bytes("event", store.MaxEventLen-store.SignatureLen)
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
	if err := body.end(); err != nil {
		return Batch{}, err
	}
	return bt, nil
}

func encodeUint(v uint64) []byte { return binary.AppendUvarint(nil, v) }

func decodeUint(b []byte) (uint64, error) {
	d := dec{b: b}
	v := d.uvarint("number")
	return v, d.end()
}

func encodeFail(f Fail) []byte {
	var e enc
	e.bytes([]byte(f.Code))
	e.bytes([]byte(f.Message))
	return e.b
}

func decodeFail(b []byte) (Fail, error) {
	d := dec{b: b}
	f := Fail{Code: string(d.bytes("code", 64)), Message: string(d.bytes("message", 1024))}
	return f, d.end()
}
