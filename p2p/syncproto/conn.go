package syncproto

import (
	"io"
	"time"
)

// Stream is what the protocol runs over: a libp2p stream, a net.Conn, one
// end of net.Pipe in tests. Only reads are bounded here; a write blocks at
// most until the peer's read deadline fails and it resets the stream.
type Stream interface {
	io.ReadWriter
	SetReadDeadline(t time.Time) error
}

// Conn is one side of a sync stream: frames out, frames in, and a read
// deadline renewed before every read so a silent peer is dropped after
// ReadTimeout (the per-read bound, not the whole pull's).
type Conn struct {
	*Writer
	*Reader
	s           Stream
	readTimeout time.Duration
}

// NewConn runs the protocol over s, bounding each read by readTimeout
// (none when zero).
func NewConn(s Stream, readTimeout time.Duration) *Conn {
	return &Conn{Writer: NewWriter(s), Reader: NewReader(s), s: s, readTimeout: readTimeout}
}

// Arm sets the read deadline for the next read: now plus the read timeout.
// Next calls it; a reader that reads ahead in another goroutine calls it
// before each read too.
func (c *Conn) Arm() {
	if c.readTimeout > 0 {
		_ = c.s.SetReadDeadline(time.Now().Add(c.readTimeout))
	}
}

// Next arms the read deadline and reads one frame.
func (c *Conn) Next() (byte, []byte, error) {
	c.Arm()
	return c.Reader.Next()
}

// Abort ends the stream at once after a failed session, so that a read
// blocked in another goroutine returns: a stream that can Reset (libp2p's)
// is reset, one that can only Close (net.Conn, net.Pipe) is closed.
func (c *Conn) Abort() {
	switch s := c.s.(type) {
	case interface{ Reset() error }:
		_ = s.Reset()
	case io.Closer:
		_ = s.Close()
	}
}

// Fail sends a Fail with err's text and returns err, so a caller ends its
// side with `return c.Fail(code, err)`.
func (c *Conn) Fail(code string, err error) error {
	_ = c.Frame(MsgFail, EncodeFail(Fail{Code: code, Message: err.Error()}))
	return err
}
