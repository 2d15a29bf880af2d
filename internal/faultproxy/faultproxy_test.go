package faultproxy

import (
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// echoServer answers every connection with what it reads, and closes its
// side when the client has closed its own.
func echoServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _, _ = io.Copy(c, c) }()
		}
	}()
	return ln.Addr().String()
}

func start(t *testing.T, target string, opts Options) *Proxy {
	t.Helper()
	p, err := Start(target, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// TestFaultProxy checks the shaped link: data crosses intact, the
// latency and the rate hold, and a drop cuts the connection.
func TestFaultProxy(t *testing.T) {
	t.Parallel()
	var st Stats
	p := start(t, echoServer(t), Options{Latency: 100 * time.Millisecond, Bandwidth: 20000, ResetEvery: 1500 * time.Millisecond, Stats: &st})
	c, err := net.Dial("tcp", p.Addr())
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
	if p.Stats() != &st || p.Count() != (Count{Up: 10004, Down: 10004}) {
		t.Errorf("Stats/Count disagree with the figures: %+v", p.Count())
	}
}

// TestCountingRelay checks the unshaped relay the sync benchmark uses:
// every byte is counted once in its direction, Settle returns the counts
// once the traffic stops, and a half close crosses so the peer can finish.
func TestCountingRelay(t *testing.T) {
	t.Parallel()
	p := start(t, echoServer(t), Options{})
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	msg := make([]byte, 300<<10) // several copy buffers
	for i := range msg {
		msg[i] = byte(i * 13)
	}
	before := p.Count()
	go func() {
		_, _ = c.Write(msg)
		_ = c.(*net.TCPConn).CloseWrite()
	}()
	got, err := io.ReadAll(c) // ends when the echo server's close crosses back
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(msg) {
		t.Fatalf("the data was altered: %d bytes back of %d", len(got), len(msg))
	}
	n := int64(len(msg))
	if d := p.Settle(50*time.Millisecond, 2*time.Second).Sub(before); d != (Count{Up: n, Down: n}) || d.Total() != 2*n {
		t.Fatalf("counted %+v, want %d each way", d, n)
	}
	if a := p.Stats().Accepted.Load(); a != 1 {
		t.Errorf("accepted %d connections, want 1", a)
	}
}

// TestCloseWithOpenConnections: Close resets the relayed connections and
// returns once the proxy's goroutines are done; a second Close is harmless.
func TestCloseWithOpenConnections(t *testing.T) {
	t.Parallel()
	p, err := Start(echoServer(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1)
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { p.Close(); p.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return")
	}
	_ = c.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Read(b); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("the connection survived Close: %v", err)
	}
}
