package node

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/app"
	"hoso/p2p"
	"hoso/p2p/bundle"
	"hoso/p2p/fileproto"
	"hoso/store"
	"hoso/trust"
)

// officeTree places offices by the office records and, for the offices
// above this node that the records may not hold yet, by its certificate.
// It remembers its answers until an office record changes: a hub places
// the office of every origin on every pull it serves.
type officeTree struct {
	st *store.Store
	en *p2p.Enrolment

	mu      sync.Mutex
	version uint64
	paths   map[string]officePlace
}

// officePlace is one answer of officeTree.Path.
type officePlace struct {
	path string
	ok   bool
}

// maxOfficePlaces bounds the answers an officeTree remembers.
const maxOfficePlaces = 1 << 14

func newOfficeTree(st *store.Store, en *p2p.Enrolment) *officeTree {
	return &officeTree{st: st, en: en, paths: map[string]officePlace{}}
}

// Path returns an office's path, "38/405/38001".
func (t *officeTree) Path(office string) (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if v := app.OfficeVersion(t.st); v != t.version || len(t.paths) >= maxOfficePlaces {
		t.version = v
		clear(t.paths)
	}
	if p, ok := t.paths[office]; ok {
		return p.path, p.ok
	}
	p, ok := t.place(office)
	t.paths[office] = officePlace{p, ok}
	return p, ok
}

// place reads an office's path from the records, or from the chain.
func (t *officeTree) place(office string) (string, bool) {
	if p, ok := app.OfficePath(t.st, office); ok {
		return p, true
	}
	if t.en != nil {
		for _, c := range t.en.Chain {
			if c.Office() == office {
				return c.Path, true
			}
		}
	}
	return "", false
}

// SyncEngine is the node's sync for the services: enrolment and bundles on
// any open data folder, and live sync when a host runs (hoso-node serve).
type SyncEngine struct {
	n    *Node
	host host.Host
	now  func() time.Time

	// MDNS looks for the office's other desks on the LAN (set it before
	// Run; serve does when it listens beyond loopback).
	MDNS bool
	// DailyBudget bounds the sync bytes exchanged with each peer per day
	// (metered links), 0 for no limit. NewSyncEngine reads the one an
	// administrator recorded (SetDailyBudget); serve's --daily-budget
	// overrides it before Run.
	DailyBudget int64
	// Hub tells the devices below this node which of its peers they may
	// sync with directly; set it before Run when the host is a hub's.
	Hub bool
	// onEnrolled is called, without the engine's lock, once Accept
	// enrolled the device (the window then starts live sync).
	onEnrolled func()

	mu     sync.Mutex
	en     *p2p.Enrolment
	syncer *p2p.Syncer
	// retired are the syncers an enrolment replaced (their loop may still
	// run until Close); closed is set by Close, after which no syncer is
	// made.
	retired []*p2p.Syncer
	closed  bool
}

// NewSyncEngine returns the engine of an open node; h is its libp2p host,
// or nil where no sync runs (the CLI on a closed node).
func NewSyncEngine(n *Node, h host.Host) *SyncEngine {
	e := &SyncEngine{n: n, host: h, now: time.Now}
	if en, err := p2p.LoadEnrolment(n.Store); err == nil {
		e.en = en
	}
	if b, err := n.Store.Local(budgetSetting); err == nil && len(b) == 8 {
		e.DailyBudget = int64(binary.BigEndian.Uint64(b))
	}
	return e
}

// budgetSetting is the local record of the daily sync budget an
// administrator set (Sync.SetBudget), in bytes.
const budgetSetting = store.LocalSyncDailyBudget

// SetDailyBudget records the daily sync byte budget per peer (0: none) and
// applies it at once.
func (e *SyncEngine) SetDailyBudget(bytes int64) error {
	if bytes < 0 {
		return app.FieldError("bytes", "the daily budget cannot be negative")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := e.n.Store.SetLocal(budgetSetting, binary.BigEndian.AppendUint64(nil, uint64(bytes))); err != nil {
		return app.Wrap(app.CodeInternal, err, "recording the daily budget")
	}
	e.DailyBudget = bytes
	if e.syncer != nil {
		e.syncer.SetDailyBudget(bytes)
	}
	return nil
}

// Enrolment returns the node's enrolment, nil when it has none.
func (e *SyncEngine) Enrolment() *p2p.Enrolment {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.en
}

// syncerLocked returns the syncer, made on first use: over the host when
// one runs and the node is enrolled, else for bundles only.
func (e *SyncEngine) syncerLocked() (*p2p.Syncer, error) {
	if e.en == nil {
		return nil, app.Errorf(app.CodeNotReady, "this node is not enrolled yet: accept its enrolment text first")
	}
	if e.closed {
		return nil, app.Errorf(app.CodeNotReady, "the node is stopping")
	}
	if e.syncer == nil {
		// The device key opens the bundles sealed to this device.
		key, _ := e.n.Identity.Ed25519()
		e.syncer = p2p.NewSyncer(p2p.SyncOptions{Host: e.host, Store: e.n.Store, Enrolment: e.en, Tree: newOfficeTree(e.n.Store, e.en), Key: key, Now: e.now, MDNS: e.MDNS,
			DailyBudget: e.DailyBudget, Hub: e.Hub, Files: fileIndex{app.NewFileIndex(e.n.Store)}})
	}
	return e.syncer, nil
}

// Close stops sync and waits for it: the run loop, its pulls and dials,
// the streams being served. The host and then the store close after it,
// in that order (the caller owns both).
func (e *SyncEngine) Close() {
	e.mu.Lock()
	e.closed = true
	all := append(e.retired, e.syncer)
	e.retired, e.syncer = nil, nil
	e.mu.Unlock()
	for _, s := range all {
		if s != nil {
			s.Close()
		}
	}
}

// Run keeps the node in sync until ctx ends or Close, when it is enrolled
// and a host runs.
func (e *SyncEngine) Run(ctx context.Context) {
	e.mu.Lock()
	s, err := e.syncerLocked()
	e.mu.Unlock()
	if err != nil || e.host == nil {
		return
	}
	s.Run(ctx)
}

// Status describes the enrolment and the peers.
func (e *SyncEngine) Status() (app.SyncStatus, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := app.SyncStatus{PeerID: e.n.Identity.PeerID.String(), Hubs: []string{}, Peers: []app.SyncPeer{}, Vector: map[string]uint64{}, DailyBudget: e.DailyBudget}
	for o, seq := range e.n.Store.Vector() {
		st.Vector[o.String()] = seq
	}
	if e.en == nil {
		return st, nil
	}
	leaf := e.en.Chain.Leaf()
	if e.syncer != nil {
		// A renewed certificate, adopted since the enrolment was loaded.
		leaf = e.syncer.Certificate().Leaf()
		st.CertificateExpires, st.RenewDue = p2p.ChainExpires(e.syncer.Certificate()), e.syncer.RenewDue()
	} else {
		st.CertificateExpires, st.RenewDue = p2p.ChainExpires(e.en.Chain), p2p.ChainExpires(e.en.Chain).Sub(e.now()) <= p2p.WarnWithin
	}
	st.Enrolled, st.Office, st.Path, st.Role, st.Expires = true, leaf.Office(), leaf.Path, leaf.Role.String(), leaf.NotAfter
	st.Hubs = append(st.Hubs, e.en.Hubs...)
	st.Running = e.host != nil
	if e.syncer != nil {
		for _, p := range e.syncer.Status() {
			office := ""
			if id, err := peer.Decode(p.Peer); err == nil {
				office = e.syncer.OfficeOf(id)
			}
			sp := app.SyncPeer{Peer: p.Peer, Office: office, Connected: p.Connected, LastSuccess: p.LastSuccess, LastError: string(p.LastError), LastErrorAt: p.LastErrorAt,
				ReceivedEvents: p.ReceivedEvents, SentEvents: p.SentEvents, BytesIn: p.BytesIn, BytesOut: p.BytesOut, Syncing: p.Syncing, ClockSkewMs: p.ClockSkewMs,
				BudgetUsed: p.BudgetUsed, BudgetLimit: p.BudgetLimit}
			st.Peers = append(st.Peers, sp)
		}
	}
	return st, nil
}

// LastSync returns when a pull from a device of the office last
// succeeded here, zero if never.
func (e *SyncEngine) LastSync(office string) time.Time {
	e.mu.Lock()
	s := e.syncer
	e.mu.Unlock()
	var last time.Time
	if s == nil {
		return last
	}
	for _, p := range s.Status() {
		id, err := peer.Decode(p.Peer)
		if err != nil {
			continue
		}
		path := s.OfficeOf(id)
		if path[strings.LastIndexByte(path, '/')+1:] == office && p.LastSuccess.After(last) {
			last = p.LastSuccess
		}
	}
	return last
}

// Now pulls from every peer it can reach and says what it tried.
func (e *SyncEngine) Now(ctx context.Context) (app.SyncStatus, error) {
	e.mu.Lock()
	s, err := e.syncerLocked()
	e.mu.Unlock()
	if err != nil {
		return app.SyncStatus{}, err
	}
	if e.host == nil {
		return app.SyncStatus{}, app.Errorf(app.CodeNotReady, "no sync runs on this node: start it with hoso-node serve")
	}
	tried := s.Now(ctx)
	st, err := e.Status()
	if err != nil {
		return st, err
	}
	st.Tried = make([]app.SyncAttempt, 0, len(tried))
	for _, a := range tried {
		st.Tried = append(st.Tried, app.SyncAttempt{Peer: a.Peer.String(), Office: s.OfficeOf(a.Peer), Hub: a.Hub, Code: a.Code,
			Events: a.Stats.Added, Bytes: a.Stats.BytesIn + a.Stats.BytesOut})
	}
	return st, nil
}

// ExportBundle writes a bundle for a peer, or of everything when peer is
// empty.
func (e *SyncEngine) ExportBundle(peerID string) ([]byte, app.BundleResult, error) {
	var buf bytes.Buffer
	res, err := e.exportBundle(&buf, peerID, false)
	return buf.Bytes(), res, err
}

// ExportBundleFiles is ExportBundle of a bundle that also carries the
// files its records name which the peer may see.
func (e *SyncEngine) ExportBundleFiles(peerID string) ([]byte, app.BundleResult, error) {
	var buf bytes.Buffer
	res, err := e.exportBundle(&buf, peerID, true)
	return buf.Bytes(), res, err
}

// exportBundle writes a bundle for a peer (what it lacks since its last
// sync), or of everything when peer is empty, to w, with the files its
// records name when files is set.
func (e *SyncEngine) exportBundle(w io.Writer, peerID string, files bool) (app.BundleResult, error) {
	e.mu.Lock()
	s, err := e.syncerLocked()
	e.mu.Unlock()
	if err != nil {
		return app.BundleResult{}, err
	}
	var to peer.ID
	since := false
	if peerID != "" {
		if to, err = peer.Decode(peerID); err != nil {
			return app.BundleResult{}, &app.Error{Code: app.CodeInvalidInput, Field: "peer", Message: "not a peer ID", Err: err}
		}
		since = true
	}
	export := s.ExportBundle
	if files {
		export = s.ExportBundleFiles
	}
	st, err := export(w, to, since)
	if err != nil {
		if errors.Is(err, trust.ErrUntrusted) {
			return app.BundleResult{}, &app.Error{Code: app.CodeNotFound, Field: "peer", Message: err.Error(), Err: err}
		}
		return app.BundleResult{}, app.Wrap(app.CodeInternal, err, "writing the bundle")
	}
	return app.BundleResult{Events: st.Events, Bytes: st.Bytes, Files: st.Files, FileBytes: st.FileBytes, FilesLeft: st.FilesLeft}, nil
}

// ImportBundle imports a bundle whole, or refuses it.
func (e *SyncEngine) ImportBundle(b []byte) (app.BundleResult, error) {
	e.mu.Lock()
	s, err := e.syncerLocked()
	e.mu.Unlock()
	if err != nil {
		return app.BundleResult{}, err
	}
	st, err := s.ImportBundle(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, bundle.ErrPlain) {
			return app.BundleResult{}, &app.Error{Code: app.CodeBundleUnencrypted, Message: err.Error(), Err: err}
		}
		if errors.Is(err, bundle.ErrNotAddressed) {
			return app.BundleResult{}, &app.Error{Code: app.CodeBundleNotAddressed, Message: err.Error(), Err: err}
		}
		if errors.Is(err, bundle.ErrRefused) {
			return app.BundleResult{}, &app.Error{Code: app.CodeBundleRejected, Message: err.Error(), Err: err}
		}
		return app.BundleResult{}, app.Wrap(app.CodeInternal, err, "importing the bundle")
	}
	return importResult(st), nil
}

// Issue enrols a device below this node.
func (e *SyncEngine) Issue(req app.IssueRequest) (app.IssueReply, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.en == nil {
		return app.IssueReply{}, app.Errorf(app.CodeNotReady, "this node is not enrolled, so it cannot enrol others")
	}
	id, err := peer.Decode(strings.TrimSpace(req.Peer))
	if err != nil {
		return app.IssueReply{}, &app.Error{Code: app.CodeInvalidInput, Field: "peer", Message: "not a peer ID (the device's hoso-node status shows it: 12D3KooW…)", Err: err}
	}
	role, err := trust.ParseRole(req.Role)
	if err != nil {
		return app.IssueReply{}, &app.Error{Code: app.CodeInvalidInput, Field: "role", Message: "the role must be district, commune or desk", Err: err}
	}
	days := req.Days
	if days == 0 {
		days = 365
	}
	key, err := e.n.Identity.Ed25519()
	if err != nil {
		return app.IssueReply{}, app.Wrap(app.CodeInternal, err, "reading the node key")
	}
	hubs := req.Hubs
	if len(hubs) == 0 && e.host != nil {
		for _, a := range e.host.Addrs() {
			hubs = append(hubs, a.String()+"/p2p/"+e.host.ID().String())
		}
	}
	text, ch, err := p2p.Issue(e.n.Store, key, e.en, id, strings.TrimSpace(req.Office), role, days, hubs, e.now())
	if err != nil {
		return app.IssueReply{}, &app.Error{Code: app.CodeInvalidInput, Field: "office", Message: err.Error(), Err: err}
	}
	return app.IssueReply{Text: text, Expires: ch.Leaf().NotAfter}, nil
}

// Accept records this device's enrolment.
func (e *SyncEngine) Accept(text string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	en, err := p2p.Accept(e.n.Store, text, e.now())
	if err != nil {
		return &app.Error{Code: app.CodeInvalidInput, Field: "text", Message: err.Error(), Params: map[string]string{"rule": enrolRule(err)}, Err: err}
	}
	if e.syncer != nil {
		// Its loop, if any, runs on until Close, as before the enrolment.
		e.retired = append(e.retired, e.syncer)
	}
	e.en, e.syncer = en, nil
	if e.host != nil {
		log.Printf("sync: enrolled as %s; restart the node to sync with its hubs", en.Chain.Leaf().Path)
	}
	if f := e.onEnrolled; f != nil {
		go f()
	}
	return nil
}

// enrolRule names why an enrolment text was refused, for the interface to
// say in its own words (Params["rule"]; the message stays for scripts):
// malformed, other_device, other_province, expired, revoked, untrusted.
func enrolRule(err error) string {
	switch {
	case errors.Is(err, p2p.ErrOtherDevice):
		return "other_device"
	case errors.Is(err, p2p.ErrOtherProvince):
		return "other_province"
	case errors.Is(err, trust.ErrExpired):
		return "expired"
	case errors.Is(err, trust.ErrRevoked):
		return "revoked"
	case errors.Is(err, trust.ErrInvalid):
		return "malformed"
	}
	return "untrusted"
}

// Revoke revokes a device.
func (e *SyncEngine) Revoke(peerID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.en == nil {
		return app.Errorf(app.CodeNotReady, "this node is not enrolled")
	}
	id, err := peer.Decode(strings.TrimSpace(peerID))
	if err != nil {
		return &app.Error{Code: app.CodeInvalidInput, Field: "peer", Message: "not a peer ID", Err: err}
	}
	// An office revokes only devices below it (or its own desks), never
	// itself or an office above it.
	s, err := e.syncerLocked()
	if err != nil {
		return err
	}
	own := e.en.Chain.Leaf().Path
	path := s.OfficeOf(id)
	if path == "" {
		return &app.Error{Code: app.CodeNotFound, Field: "peer", Message: "no certificate of this device is recorded here"}
	}
	if id == e.n.Identity.PeerID || !(path == own || strings.HasPrefix(path, own+"/")) {
		return &app.Error{Code: app.CodeForbidden, Field: "peer", Message: "an office revokes only the devices it or the offices below it enrolled"}
	}
	if err := p2p.RecordRevocation(e.n.Store, "operator", e.en.Chain, id); err != nil {
		return app.Wrap(app.CodeInternal, err, "recording the revocation")
	}
	return nil
}

// EnrolRoot makes the node the province's root.
func (n *Node) EnrolRoot(province string) error {
	key, err := n.Identity.Ed25519()
	if err != nil {
		return app.Wrap(app.CodeInternal, err, "reading the node key")
	}
	if _, err := p2p.EnrolRoot(n.Store, key, province, time.Now()); err != nil {
		return &app.Error{Code: app.CodeInvalidInput, Field: "root", Message: err.Error(), Err: err}
	}
	return nil
}

// Gater returns the connection gater of an enrolled node, nil otherwise.
func (n *Node) Gater() (*p2p.Gater, *p2p.Enrolment) {
	en, err := p2p.LoadEnrolment(n.Store)
	if err != nil {
		return nil, nil
	}
	return p2p.NewGater(n.Store, en, nil, nil), en
}

// fileIndex is the application's file index as the syncer asks it.
type fileIndex struct{ x *app.FileIndex }

func (f fileIndex) Wanted(limit int) ([]fileproto.Want, error) { return wants(f.x.Wanted(limit)) }

func (f fileIndex) Named() ([]fileproto.Want, error) { return wants(f.x.Named()) }

func (f fileIndex) Subjects(id store.BlobID) ([]string, error) { return f.x.Subjects(id) }

func wants(ws []app.FileWant, err error) ([]fileproto.Want, error) {
	out := make([]fileproto.Want, 0, len(ws))
	for _, w := range ws {
		out = append(out, fileproto.Want{ID: w.ID, Size: w.Size})
	}
	return out, err
}
