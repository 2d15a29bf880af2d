package syncproto

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

// ID is the protocol's libp2p name; the major version changes on a
// breaking change, and a node refuses streams of a major it does not speak.
const ID = "/hoso/sync/1.0.0"

// Wire limits: every read is bounded, so a peer cannot make this node
// allocate more than these whatever it sends.
const (
	// MaxFrame bounds one frame on the wire (compressed), type byte
	// included.
	MaxFrame = 4 << 20
	// MaxBatchRaw bounds a batch's event body once decompressed.
	MaxBatchRaw = 16 << 20
	// MaxMarks bounds the origins one message lists.
	MaxMarks = 1 << 16
	// MaxCerts bounds the chains, and the batch signatures, one batch
	// carries.
	MaxCerts = 1 << 10
	// MaxChain bounds one encoded certificate chain.
	MaxChain = 4096
	// MaxFailCode and MaxFailMessage bound a Fail's two strings.
	MaxFailCode    = 64
	MaxFailMessage = 1024
)

// Message types: the byte after a frame's length.
const (
	MsgHello byte = 1 + iota
	MsgMarks
	MsgBatch
	MsgAck
	MsgEnd
	MsgFail
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
// window (1 MB) covers the largest batch the server builds: the default
// one, 8 MB, made the compressor keep a 16 MB history buffer once batches
// grew.
var (
	zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
	zdec, _ = zstd.NewReader(nil, zstd.WithDecoderMaxMemory(MaxBatchRaw), zstd.WithDecoderConcurrency(1))
)

// Compress is the batch compressor, for figures that must match what a
// batch costs on the wire.
func Compress(b []byte) []byte { return zenc.EncodeAll(b, nil) }

// Writer writes length-prefixed frames: uvarint length | type | payload.
// Each frame is flushed whole.
type Writer struct {
	w *bufio.Writer
	// sent counts the bytes written, for the figures; atomic, as progress
	// reports read it while a pull runs.
	sent atomic.Int64
}

// NewWriter writes frames to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriter(w)}
}

// Sent is the number of bytes written so far.
func (fw *Writer) Sent() int64 { return fw.sent.Load() }

// Frame writes one frame and flushes it.
func (fw *Writer) Frame(typ byte, payload []byte) error {
	if len(payload)+1 > MaxFrame {
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
	fw.sent.Add(int64(n + 1 + len(payload)))
	return fw.w.Flush()
}

// Reader reads frames, refusing any above MaxFrame.
type Reader struct {
	r *bufio.Reader
	// recv counts the bytes read; atomic, as a client's read-ahead
	// goroutine may still be reading when the pull's figures are taken.
	recv atomic.Int64
}

// NewReader reads frames from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: bufio.NewReader(r)}
}

// Received is the number of bytes read so far.
func (fr *Reader) Received() int64 { return fr.recv.Load() }

// Next reads one frame: its type and payload.
func (fr *Reader) Next() (byte, []byte, error) {
	n, err := binary.ReadUvarint(fr.r)
	if err != nil {
		return 0, nil, err
	}
	if n == 0 || n > MaxFrame {
		return 0, nil, fmt.Errorf("%w: frame length %d", ErrProtocol, n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(fr.r, b); err != nil {
		return 0, nil, err
	}
	fr.recv.Add(int64(n) + int64(len(binary.AppendUvarint(nil, n))))
	return b[0], b[1:], nil
}
