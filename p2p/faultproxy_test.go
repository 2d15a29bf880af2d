package p2p

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// faultOptions shape the link a faultProxy stands for.
type faultOptions struct {
	// Latency is added one way to every chunk.
	Latency time.Duration
	// Bandwidth is the link's rate in bytes per second in each direction,
	// shared by every connection; 0 is unlimited.
	Bandwidth int
	// ResetEvery closes every proxied connection abruptly (a link drop)
	// this often; 0 never does.
	ResetEvery time.Duration
	// FirstReset, if set, is when the first drop happens, counted from
	// the proxy's start; the next ones follow every ResetEvery.
	FirstReset time.Duration
	// Stats, if set, receives the proxy's figures.
	Stats *faultStats
}

// faultStats are what a faultProxy did.
type faultStats struct {
	Accepted atomic.Int64
	// Resets counts the drops that cut at least one connection; Cut the
	// connections they cut.
	Resets atomic.Int64
	Cut    atomic.Int64
	// Up counts the bytes delivered to the target, Down those delivered
	// back to the dialer.
	Up, Down atomic.Int64
}

// chunkSize is the most a pump moves at once, about a packet, so that
// the pacing is smooth.
const chunkSize = 1460

// newFaultProxy listens on 127.0.0.1 and relays every connection to
// target through a shaped link: latency, bandwidth, periodic drops. The
// listener and the connections close at the end of the test.
func newFaultProxy(t testing.TB, target string, opts faultOptions) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Stats == nil {
		opts.Stats = &faultStats{}
	}
	p := &faultProxy{
		ln: ln, target: target, opts: opts,
		up: newPacer(opts.Bandwidth), down: newPacer(opts.Bandwidth),
		conns: map[*proxyConn]bool{}, done: make(chan struct{}),
	}
	p.wg.Add(1)
	go p.accept()
	if opts.ResetEvery > 0 {
		p.wg.Add(1)
		go p.resets()
	}
	t.Cleanup(p.close)
	return ln.Addr().String()
}

type faultProxy struct {
	ln       net.Listener
	target   string
	opts     faultOptions
	up, down *pacer
	done     chan struct{}
	wg       sync.WaitGroup

	mu     sync.Mutex
	conns  map[*proxyConn]bool
	closed bool
}

func (p *faultProxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.opts.Stats.Accepted.Add(1)
		s, err := net.DialTimeout("tcp", p.target, 5*time.Second)
		if err != nil {
			abort(c)
			continue
		}
		pc := &proxyConn{client: c, server: s, done: make(chan struct{})}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			pc.kill()
			return
		}
		p.conns[pc] = true
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pump(pc, c, s, p.up, &p.opts.Stats.Up)
		go p.pump(pc, s, c, p.down, &p.opts.Stats.Down)
	}
}

// resets drops every connection on schedule.
func (p *faultProxy) resets() {
	defer p.wg.Done()
	wait := p.opts.ResetEvery
	if p.opts.FirstReset > 0 {
		wait = p.opts.FirstReset
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-timer.C:
		}
		p.mu.Lock()
		cut := make([]*proxyConn, 0, len(p.conns))
		for pc := range p.conns {
			cut = append(cut, pc)
			delete(p.conns, pc)
		}
		p.mu.Unlock()
		// Counted before the cut, so that whoever sees the cut sees it
		// counted.
		if len(cut) > 0 {
			p.opts.Stats.Resets.Add(1)
			p.opts.Stats.Cut.Add(int64(len(cut)))
		}
		for _, pc := range cut {
			pc.kill()
		}
		timer.Reset(p.opts.ResetEvery)
	}
}

// chunk is data in flight, due at the far end at a given time.
type chunk struct {
	b   []byte
	due time.Time
}

// pump relays src to dst: a reader paces the chunks at the link's rate
// and stamps them with their arrival time; a writer delivers them then.
// EOF is passed on as a half close once the data before it is delivered;
// an error drops the connection.
func (p *faultProxy) pump(pc *proxyConn, src, dst net.Conn, pace *pacer, count *atomic.Int64) {
	defer p.wg.Done()
	inflight := make(chan chunk, 256)
	var readErr error
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer close(inflight)
		for {
			b := make([]byte, chunkSize)
			n, err := src.Read(b)
			if n > 0 {
				if !pace.wait(n, pc.done) {
					return
				}
				select {
				case inflight <- chunk{b: b[:n], due: time.Now().Add(p.opts.Latency)}:
				case <-pc.done:
					return
				}
			}
			if err != nil {
				readErr = err
				return
			}
		}
	}()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for c := range inflight {
		if d := time.Until(c.due); d > 0 {
			timer.Reset(d)
			select {
			case <-timer.C:
			case <-pc.done:
				return
			}
		}
		if _, err := dst.Write(c.b); err != nil {
			p.drop(pc)
			return
		}
		count.Add(int64(len(c.b)))
	}
	// The reader is done; readErr is set before inflight closed.
	if errors.Is(readErr, io.EOF) {
		if tc, ok := dst.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
		if pc.halfClosed.Add(1) == 2 {
			p.drop(pc)
		}
		return
	}
	p.drop(pc)
}

func (p *faultProxy) drop(pc *proxyConn) {
	p.mu.Lock()
	delete(p.conns, pc)
	p.mu.Unlock()
	pc.kill()
}

func (p *faultProxy) close() {
	p.mu.Lock()
	p.closed = true
	for pc := range p.conns {
		pc.kill()
		delete(p.conns, pc)
	}
	p.mu.Unlock()
	close(p.done)
	_ = p.ln.Close()
	p.wg.Wait()
}

// proxyConn is one relayed connection.
type proxyConn struct {
	client, server net.Conn
	done           chan struct{}
	once           sync.Once
	halfClosed     atomic.Int32
}

// kill closes both sides at once with a reset, as a dropped link does.
func (pc *proxyConn) kill() {
	pc.once.Do(func() {
		close(pc.done)
		abort(pc.client)
		abort(pc.server)
	})
}

// abort closes a connection with a TCP reset rather than a FIN.
func abort(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

// pacer is a token bucket without burst: it spaces the bytes of a
// direction at the link's rate.
type pacer struct {
	rate int
	mu   sync.Mutex
	next time.Time
}

func newPacer(rate int) *pacer { return &pacer{rate: rate} }

// wait blocks until n more bytes may go, or done closes.
func (pc *pacer) wait(n int, done <-chan struct{}) bool {
	if pc.rate <= 0 {
		return true
	}
	pc.mu.Lock()
	now := time.Now()
	if pc.next.Before(now) {
		pc.next = now
	}
	pc.next = pc.next.Add(time.Duration(n) * time.Second / time.Duration(pc.rate))
	d := pc.next.Sub(now)
	pc.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-done:
		return false
	}
}

// TestFaultProxy checks the proxy itself: data crosses intact, the
// latency and the rate hold, and a drop cuts the connection.
func TestFaultProxy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _, _ = io.Copy(c, c) }()
		}
	}()
	var st faultStats
	addr := newFaultProxy(t, ln.Addr().String(), faultOptions{Latency: 100 * time.Millisecond, Bandwidth: 20000, ResetEvery: 1500 * time.Millisecond, Stats: &st})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// A small echo takes a round trip: twice the latency.
	start := time.Now()
	if _, err := c.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 4)
	if _, err := io.ReadFull(c, b); err != nil || string(b) != "ping" {
		t.Fatalf("echo: %q %v", b, err)
	}
	if rtt := time.Since(start); rtt < 200*time.Millisecond || rtt > 600*time.Millisecond {
		t.Errorf("round trip %v, want about 200ms", rtt)
	}
	// 10 kB at 20 kB/s each way (pipelined): about half a second plus the
	// round trip.
	msg := make([]byte, 10000)
	for i := range msg {
		msg[i] = byte(i * 7)
	}
	start = time.Now()
	go func() { _, _ = c.Write(msg) }()
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatal(err)
	}
	if string(got) != string(msg) {
		t.Fatal("the data was altered")
	}
	if d := time.Since(start); d < 600*time.Millisecond || d > 1400*time.Millisecond {
		t.Errorf("10 kB took %v, want about 700ms", d)
	}
	// The drop cuts the connection.
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Read(b); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("the connection survived the drop: %v", err)
	}
	if st.Resets.Load() < 1 || st.Up.Load() != 10004 || st.Down.Load() != 10004 {
		t.Errorf("figures: %d resets, %d up, %d down", st.Resets.Load(), st.Up.Load(), st.Down.Load())
	}
}
