// Package faultproxy relays TCP connections on 127.0.0.1 through a link it
// shapes and counts: one-way latency, a bandwidth shared by every
// connection, periodic drops (a TCP reset on both sides), and the bytes
// delivered in each direction.
//
// Two users share it: the p2p tests, which sync over a slow and flaky link
// (latency, bandwidth, drops), and the sync benchmark (internal/syncbench),
// which measures what a sync puts on the wire (no shaping, counts only).
// Unshaped, a connection is relayed by a plain copy with a large buffer, so
// that counting costs the benchmark nothing it would measure.
package faultproxy

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// The proxy's fixed bounds.
const (
	// dialTimeout bounds the dial of the target for each accepted
	// connection; a failed dial resets the accepted one.
	dialTimeout = 5 * time.Second
	// chunkSize is the most a shaped pump moves at once, about a packet,
	// so that the pacing is smooth.
	chunkSize = 1460
	// inflightChunks is how many chunks a shaped direction holds between
	// its reader and its writer (the data "on the wire" under latency).
	inflightChunks = 256
	// copyBuffer is what an unshaped relay reads at once.
	copyBuffer = 64 << 10
	// settlePoll is how often Settle looks at the counters.
	settlePoll = 10 * time.Millisecond
)

// Options shape the link a Proxy stands for. The zero value is a plain
// counting relay.
type Options struct {
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
	// Stats, if set, receives the proxy's figures; otherwise the proxy
	// keeps its own (see Proxy.Stats).
	Stats *Stats
}

// Stats are what a Proxy did. The fields are safe to read while it runs.
type Stats struct {
	// Accepted counts the connections accepted.
	Accepted atomic.Int64
	// Resets counts the drops that cut at least one connection; Cut the
	// connections they cut.
	Resets atomic.Int64
	Cut    atomic.Int64
	// Up counts the bytes delivered to the target, Down those delivered
	// back to the dialer.
	Up, Down atomic.Int64
}

// Count is a reading of a proxy's byte counters: Up delivered to the
// target, Down delivered back to the dialer.
type Count struct{ Up, Down int64 }

// Total is the bytes of both directions.
func (c Count) Total() int64 { return c.Up + c.Down }

// Sub is the bytes counted since an earlier reading o.
func (c Count) Sub(o Count) Count { return Count{c.Up - o.Up, c.Down - o.Down} }

// Proxy listens on 127.0.0.1 and relays every connection to its target.
// Close stops it and waits for every goroutine it started.
type Proxy struct {
	ln       net.Listener
	target   string
	opts     Options
	shaped   bool
	up, down *pacer
	done     chan struct{}
	wg       sync.WaitGroup

	mu     sync.Mutex
	conns  map[*proxyConn]bool
	closed bool
}

// Start listens on a free port of 127.0.0.1 and relays every connection
// to target (host:port) through the link opts describes.
func Start(target string, opts Options) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening for the proxy: %w", err)
	}
	if opts.Stats == nil {
		opts.Stats = &Stats{}
	}
	p := &Proxy{
		ln: ln, target: target, opts: opts,
		shaped: opts.Latency > 0 || opts.Bandwidth > 0,
		up:     newPacer(opts.Bandwidth), down: newPacer(opts.Bandwidth),
		conns: map[*proxyConn]bool{}, done: make(chan struct{}),
	}
	p.wg.Add(1)
	go p.accept()
	if opts.ResetEvery > 0 {
		p.wg.Add(1)
		go p.resets()
	}
	return p, nil
}

// Addr is the proxy's address, 127.0.0.1:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Port is the proxy's TCP port.
func (p *Proxy) Port() int { return p.ln.Addr().(*net.TCPAddr).Port }

// Stats are the proxy's figures (Options.Stats when given).
func (p *Proxy) Stats() *Stats { return p.opts.Stats }

// Count reads the byte counters.
func (p *Proxy) Count() Count {
	return Count{Up: p.opts.Stats.Up.Load(), Down: p.opts.Stats.Down.Load()}
}

// Settle waits until no byte has crossed for quiet, or limit has passed,
// and returns the counters then: the traffic a request set off, including
// what its answer set off in turn.
func (p *Proxy) Settle(quiet, limit time.Duration) Count {
	deadline := time.Now().Add(limit)
	last := p.Count()
	lastChange := time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(settlePoll)
		c := p.Count()
		if c != last {
			last, lastChange = c, time.Now()
			continue
		}
		if time.Since(lastChange) >= quiet {
			break
		}
	}
	return last
}

// Close stops listening, resets every relayed connection and waits for the
// proxy's goroutines.
func (p *Proxy) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
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

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.opts.Stats.Accepted.Add(1)
		s, err := net.DialTimeout("tcp", p.target, dialTimeout)
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
		if p.shaped {
			go p.pump(pc, c, s, p.up, &p.opts.Stats.Up)
			go p.pump(pc, s, c, p.down, &p.opts.Stats.Down)
		} else {
			go p.relay(pc, c, s, &p.opts.Stats.Up)
			go p.relay(pc, s, c, &p.opts.Stats.Down)
		}
	}
}

// resets drops every connection on schedule.
func (p *Proxy) resets() {
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

// relay copies src to dst as fast as they go, counting what dst took.
func (p *Proxy) relay(pc *proxyConn, src, dst net.Conn, count *atomic.Int64) {
	defer p.wg.Done()
	b := make([]byte, copyBuffer)
	for {
		n, err := src.Read(b)
		if n > 0 {
			if _, werr := dst.Write(b[:n]); werr != nil {
				p.drop(pc)
				return
			}
			count.Add(int64(n))
		}
		if err != nil {
			p.ended(pc, dst, err)
			return
		}
	}
}

// chunk is data in flight, due at the far end at a given time.
type chunk struct {
	b   []byte
	due time.Time
}

// pump relays src to dst through the shaped link: a reader paces the
// chunks at the link's rate and stamps them with their arrival time; a
// writer delivers them then.
func (p *Proxy) pump(pc *proxyConn, src, dst net.Conn, pace *pacer, count *atomic.Int64) {
	defer p.wg.Done()
	inflight := make(chan chunk, inflightChunks)
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
	p.ended(pc, dst, readErr)
}

// ended handles the end of one direction: EOF is passed on as a half
// close once the data before it is delivered, and the connection goes
// when both directions have ended; an error (or a reader stopped by a
// drop) drops the connection.
func (p *Proxy) ended(pc *proxyConn, dst net.Conn, err error) {
	if errors.Is(err, io.EOF) {
		if tc, ok := dst.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		}
		if pc.halfClosed.Add(1) == 2 {
			// Both sides said all they had: close gently, as a reset
			// could discard what the last reader has not read yet.
			p.forget(pc)
			pc.finish(false)
		}
		return
	}
	p.drop(pc)
}

// drop cuts a connection, as a failing link does.
func (p *Proxy) drop(pc *proxyConn) {
	p.forget(pc)
	pc.kill()
}

func (p *Proxy) forget(pc *proxyConn) {
	p.mu.Lock()
	delete(p.conns, pc)
	p.mu.Unlock()
}

// proxyConn is one relayed connection.
type proxyConn struct {
	client, server net.Conn
	done           chan struct{}
	once           sync.Once
	halfClosed     atomic.Int32
}

// kill closes both sides at once with a reset, as a dropped link does.
func (pc *proxyConn) kill() { pc.finish(true) }

// finish closes both sides once, with a reset when reset is set.
func (pc *proxyConn) finish(reset bool) {
	pc.once.Do(func() {
		close(pc.done)
		if reset {
			abort(pc.client)
			abort(pc.server)
			return
		}
		_ = pc.client.Close()
		_ = pc.server.Close()
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
