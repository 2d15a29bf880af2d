package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"hoso/app"
	"hoso/frontend"
	"hoso/node"
	"hoso/p2p"
	"hoso/seal"
	"hoso/store"
	"hoso/trust"
	"hoso/web"
)

// DefaultConsole is where the console listens when --console is not given.
const DefaultConsole = "127.0.0.1:8700"

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	console := fs.String("console", DefaultConsole, "console address; loopback only (port 0 picks a free one)")
	var listen listFlag
	fs.Var(&listen, "listen", "libp2p multiaddr to listen on (repeatable; default loopback TCP and QUIC); loopback only until the node is enrolled")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file, on a clean stop (SIGINT or SIGTERM)")
	memProfile := fs.String("memprofile", "", "write a heap profile to this file on a clean stop")
	budgetFlag := fs.String("daily-budget", "0", "sync bytes per peer per day, in and out, for metered links: bytes or KB/MB/GB (1 KB = 1000 bytes); 0 = no limit")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "serve needs --data DIR")
	}
	budget, err := p2p.ParseSize(*budgetFlag)
	if err != nil {
		return usageError(stderr, "--daily-budget: %v", err)
	}
	if err := checkLoopback(*console); err != nil {
		return usageError(stderr, "%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The profiles cover the whole run and are written once serve has
	// stopped in order (sync, host, store), so a clean stop is needed.
	prof, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return printError(stdout, err)
	}
	defer func() {
		if err := prof.heapNow(); err != nil {
			fmt.Fprintf(stderr, "hoso-node serve: %v\n", err)
		}
		if err := prof.stop(); err != nil {
			fmt.Fprintf(stderr, "hoso-node serve: %v\n", err)
		}
	}()
	if err := serve(ctx, serveOptions{dir: *dir, keyFile: *keyFile, console: *console, listen: listen, dailyBudget: budget, stdout: stdout}); err != nil {
		var lr *listenRefused
		if errors.As(err, &lr) {
			return usageError(stderr, "%v", lr)
		}
		return printError(stdout, err)
	}
	return exitOK
}

// serveOptions configure serve.
type serveOptions struct {
	dir     string
	keyFile string
	console string
	listen  []string
	// dailyBudget bounds the sync bytes per peer per day; 0 = no limit.
	dailyBudget int64
	stdout      io.Writer
}

// isHubRole reports whether a node enrolled in role is a hub: the
// province (the root) or a district.
func isHubRole(role trust.Role) bool { return role == trust.RoleRoot || role == trust.RoleDistrict }

// serve runs the node until ctx ends.
func serve(ctx context.Context, o serveOptions) error {
	if !frontend.Built() {
		log.Printf("warning: this binary was built without the interface; the console shows nothing (run make build)")
	}
	// The folder's lock, held until the store is closed: CLI calls trust
	// serve.json only while it is held (node.TryLockFolder).
	lock, err := node.LockFolder(ctx, o.dir, node.HandoverWait)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	n, err := node.Open(seal.UnlockOptions{Dir: o.dir, KeyFile: o.keyFile})
	if err != nil {
		return err
	}
	defer n.Close()
	token, err := node.EnsureToken(n.Dir)
	if err != nil {
		return app.Wrap(app.CodeDataUnavailable, err, "cannot read the console token")
	}
	operator, err := node.ReadOperatorToken(n.Dir)
	if err != nil {
		return app.Wrap(app.CodeDataUnavailable, err, "cannot read the operator token")
	}
	// An enrolled node admits only enrolled devices; a district or the
	// province is a hub. An unenrolled node listens on loopback only and
	// admits no peer at all (issue 15): it has none to sync with yet.
	gater, en := n.Gater()
	// A district or the province is a hub: its store opens again with
	// the hub's Badger options, and either way the Go memory limit
	// follows the profile's budget (issue 19: desk 150 MB, hub 600 MB).
	profile := store.ProfileDesk
	if en != nil && isHubRole(en.Chain.Leaf().Role) {
		profile = store.ProfileHub
	}
	if err := n.UseProfile(profile); err != nil {
		return err
	}
	if profile != store.ProfileDesk {
		gater, en = n.Gater()
	}
	hostOpts := p2p.HostOptions{Identity: n.Identity, Listen: o.listen}
	if gater != nil {
		hostOpts.Gater = gater
		role := en.Chain.Leaf().Role
		hostOpts.Hub = isHubRole(role)
	} else {
		if err := p2p.CheckLoopback(o.listen); err != nil {
			return &listenRefused{err: err, dir: n.Dir}
		}
		hostOpts.Gater = p2p.ClosedGater{}
	}
	h, err := p2p.NewHost(hostOpts)
	if err != nil {
		return app.Wrap(app.CodeInvalidInput, err, "cannot listen on the libp2p addresses")
	}
	defer h.Close()
	eng := node.NewSyncEngine(n, h)
	// Stopping goes in order on every return: sync (cancel, then wait for
	// its every goroutine), then the host, then the store (the deferred
	// closes above run after this one).
	defer eng.Close()
	eng.Hub = hostOpts.Hub
	if o.dailyBudget > 0 {
		// The flag wins over the budget recorded on the Đồng bộ screen.
		eng.DailyBudget = o.dailyBudget
	}
	for _, a := range o.listen {
		if !strings.Contains(a, "/127.0.0.1/") && !strings.Contains(a, "/::1/") {
			eng.MDNS = true
		}
	}
	go eng.Run(ctx)
	svcs := newServicesWith(n, eng)
	var addrs []string
	for _, a := range h.Addrs() {
		addrs = append(addrs, a.String()+"/p2p/"+h.ID().String())
	}

	ln, err := net.Listen("tcp", o.console)
	if err != nil {
		return app.Wrap(app.CodeInvalidInput, err, "cannot listen on the console address "+o.console)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	base := "http://" + ln.Addr().String() + "/"
	logins := web.NewLoginLinks(nil)
	srv := &http.Server{
		Handler:           web.New(web.Options{Services: svcs, Assets: frontend.Assets(), Token: token, OperatorToken: operator, Port: port, Backup: n.Backup, Logins: logins}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	if err := node.WriteServing(n.Dir, node.Serving{URL: base, PID: os.Getpid(), Listen: addrs}); err != nil {
		ln.Close()
		return app.Wrap(app.CodeDataUnavailable, err, "cannot record the running node")
	}
	defer node.ClearServing(n.Dir)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(o.stdout, "peer: %s\n", h.ID())
	for _, a := range addrs {
		fmt.Fprintf(o.stdout, "listen: %s\n", a)
	}
	// The token itself never goes to standard output (service logs keep
	// it): its file, and a link that admits one browser once.
	code, expires := logins.Issue()
	fmt.Fprintf(o.stdout, "console: %s\n", base)
	fmt.Fprintf(o.stdout, "token file: %s\n", filepath.Join(n.Dir, node.TokenFile))
	fmt.Fprintf(o.stdout, "login: %s (one use, until %s; hoso-node login --data %s gives another)\n", web.LinkURL(base, code), expires.Format("15:04:05 MST"), n.Dir)

	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return app.Wrap(app.CodeInternal, err, "the console stopped")
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	return nil
}

// listenRefused is serve's refusal of a --listen beyond loopback on a node
// that is not enrolled: a command-line error (exit 2).
type listenRefused struct {
	err error
	dir string
}

func (e *listenRefused) Error() string {
	return fmt.Sprintf("--listen: %v: this node is not enrolled yet, so it listens on the loopback interface only (127.0.0.1 or ::1) and admits no peer; "+
		"accept its enrolment first (hoso-node enrol accept --data %s FILE), then serve with --listen", e.err, e.dir)
}

// checkLoopback refuses a console address that other machines could reach.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--console %q: want HOST:PORT", addr)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--console %q: the console listens on the loopback interface only (127.0.0.1)", addr)
	}
	return nil
}
