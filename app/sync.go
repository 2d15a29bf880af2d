package app

import (
	"context"
	"encoding/base64"
	"strings"
	"time"

	"hoso/store"
)

// SyncEngine is the node's sync as the services see it: the node that runs
// libp2p (hoso-node serve, the desktop) provides it, so that app never
// imports libp2p.
type SyncEngine interface {
	// Status describes the enrolment and the peers.
	Status() (SyncStatus, error)
	// Now pulls from every peer it can reach (connected ones, the hubs,
	// peers seen before; a dial is bounded by a few seconds) and says in
	// SyncStatus.Tried what it did with each; CodeNotReady when no sync
	// runs on this node.
	Now(ctx context.Context) (SyncStatus, error)
	// ExportBundle writes what a peer lacks (since its last sync), or
	// everything this node holds when peer is empty.
	ExportBundle(peer string) ([]byte, BundleResult, error)
	// ImportBundle imports a bundle whole, or nothing.
	ImportBundle(content []byte) (BundleResult, error)
	// Issue enrols a device below this node and returns its enrolment
	// text.
	Issue(req IssueRequest) (IssueReply, error)
	// Accept records this device's enrolment text.
	Accept(text string) error
	// Revoke revokes a device everywhere the record reaches.
	Revoke(peer string) error
	// LastSync is when records last came from a device of the office,
	// zero if never: the reports show how fresh each office's figures are.
	LastSync(office string) time.Time
	// SetDailyBudget records and applies the daily sync byte budget per
	// peer; 0 removes it.
	SetDailyBudget(bytes int64) error
}

// SyncPeer is one peer on the Đồng bộ screen. LastError is why the last
// sync with it failed: a code of p2p/failure.go (no_address, timeout, …)
// that the screen translates, never an error's text; LastErrorAt is when.
type SyncPeer struct {
	Peer           string    `json:"peer"`
	Office         string    `json:"office,omitempty"`
	Connected      bool      `json:"connected"`
	LastSuccess    time.Time `json:"lastSuccess,omitzero"`
	LastError      string    `json:"lastError,omitempty"`
	LastErrorAt    time.Time `json:"lastErrorAt,omitzero"`
	ReceivedEvents int       `json:"receivedEvents"`
	SentEvents     int       `json:"sentEvents"`
	BytesIn        int64     `json:"bytesIn"`
	BytesOut       int64     `json:"bytesOut"`
	Syncing        bool      `json:"syncing"`
	// ClockSkewMs is how far the peer's clock is ahead of this node's.
	ClockSkewMs int64 `json:"clockSkewMs"`
	// BudgetUsed is the sync bytes exchanged with the peer today;
	// BudgetLimit the daily budget, absent when there is none.
	BudgetUsed  int64 `json:"budgetUsed"`
	BudgetLimit int64 `json:"budgetLimit,omitempty"`
}

// SyncStatus is the node's enrolment and its peers.
type SyncStatus struct {
	Enrolled bool       `json:"enrolled"`
	PeerID   string     `json:"peerId"`
	Office   string     `json:"office"`
	Path     string     `json:"path"`
	Role     string     `json:"role"`
	Expires  time.Time  `json:"expires,omitzero"`
	Hubs     []string   `json:"hubs"`
	Running  bool       `json:"running"`
	Peers    []SyncPeer `json:"peers"`
	// Vector is this node's version vector: per origin, the last event
	// held without a gap.
	Vector map[string]uint64 `json:"vector"`
	// Conflicts counts the dossiers with open conflicts to reconcile.
	Conflicts int `json:"conflicts"`
	// DailyBudget is the sync bytes this node exchanges with each peer per
	// local day before background sync with it pauses; 0: no limit.
	DailyBudget int64 `json:"dailyBudget"`
	// CertificateExpires is when this device's certificate (its newest
	// renewal) expires; RenewDue is true within 30 days of it, when the
	// screens warn: the parent renews a certificate automatically while
	// the device syncs (p2p/renew.go), so a due one means it has not.
	CertificateExpires time.Time `json:"certificateExpires,omitzero"`
	RenewDue           bool      `json:"renewDue"`
	// Tried is what Now did with each peer it tried (only Now's reply
	// has it): the screen says why nothing connected.
	Tried []SyncAttempt `json:"tried,omitempty"`
}

// SyncAttempt is what "Đồng bộ ngay" did with one peer. Code is empty when
// the pull went through, else why not, as a stable code the interface
// translates (p2p/failure.go): no_address, dial_refused, timeout,
// dial_failed, refused_by_peer, or what broke a pull off.
type SyncAttempt struct {
	Peer   string `json:"peer"`
	Office string `json:"office,omitempty"`
	// Hub is set for a hub of this node's enrolment.
	Hub  bool   `json:"hub,omitempty"`
	Code string `json:"code,omitempty"`
	// Events and Bytes are what the pull brought and moved.
	Events int   `json:"events"`
	Bytes  int64 `json:"bytes"`
}

// BundleResult says what a bundle holds or brought.
type BundleResult struct {
	Events int   `json:"events"`
	Added  int   `json:"added"`
	Bytes  int64 `json:"bytes"`
	// Files counts the files the bundle carries or brought, FileBytes
	// their bytes; FilesLeft those an export left out for its bound.
	Files     int   `json:"files,omitempty"`
	FileBytes int64 `json:"fileBytes,omitempty"`
	FilesLeft int   `json:"filesLeft,omitempty"`
	// Skipped says what of an imported bundle was not imported and why,
	// one entry per reason; none when everything was.
	Skipped []BundleSkip `json:"skipped,omitempty"`
}

// Reasons an event of a bundle is not imported (BundleSkip.Reason).
const (
	// SkipOutOfScope: not this office's to hold (another office's
	// record, not addressed to it).
	SkipOutOfScope = "out-of-scope"
	// SkipWrongOffice: written by a device certified for another office
	// than the event's.
	SkipWrongOffice = "wrong-office"
)

// BundleSkip is what a bundle brought and was not imported, for one
// reason: how many events, of how many subjects (dossier/CODE, …), and
// the first 50 of those subjects.
type BundleSkip struct {
	Reason   string   `json:"reason"`
	Events   int      `json:"events"`
	Subjects int      `json:"subjects"`
	Listed   []string `json:"listed"`
}

// IssueRequest enrols a device: its peer ID, the office it works for and
// its role, for days.
type IssueRequest struct {
	Peer   string   `json:"peer"`
	Office string   `json:"office"`
	Role   string   `json:"role"`
	Days   int      `json:"days"`
	Hubs   []string `json:"hubs"`
}

// IssueReply is the enrolment text to give the device.
type IssueReply struct {
	Text    string    `json:"text"`
	Expires time.Time `json:"expires"`
}

// Sync is the Đồng bộ service: status, sync now, bundles, enrolment.
type Sync struct {
	core   *Core
	engine func() SyncEngine
	now    func() time.Time
}

// NewSync returns the Sync service; engine gives the node's sync engine,
// nil while there is none (the data folder not open yet).
func NewSync(core *Core, engine func() SyncEngine, now func() time.Time) *Sync {
	if now == nil {
		now = time.Now
	}
	if engine == nil {
		engine = func() SyncEngine { return nil }
	}
	return &Sync{core: core, engine: engine, now: now}
}

// get returns the engine, or CodeNotReady.
func (s *Sync) get() (SyncEngine, error) {
	if _, err := s.core.Deps(); err != nil {
		return nil, err
	}
	e := s.engine()
	if e == nil {
		return nil, Errorf(CodeNotReady, "sync is not available on this node")
	}
	return e, nil
}

// Status returns the enrolment, the peers, the version vector and the
// conflicts waiting.
func (s *Sync) Status() (SyncStatus, error) {
	e, err := s.get()
	if err != nil {
		return SyncStatus{}, err
	}
	st, err := e.Status()
	if err != nil {
		return SyncStatus{}, err
	}
	return s.withConflicts(st)
}

// withConflicts adds the count of dossiers with open conflicts.
func (s *Sync) withConflicts(st SyncStatus) (SyncStatus, error) {
	d, err := s.core.Deps()
	if err != nil {
		return st, err
	}
	hits, err := d.Store.Scan(dossierProjID, "conflict", store.ScanOptions{})
	if err != nil {
		return st, Wrap(CodeInternal, err, "counting the conflicts")
	}
	st.Conflicts = len(hits)
	return st, nil
}

// Now syncs with every connected peer and returns the status.
func (s *Sync) Now(ctx context.Context) (SyncStatus, error) {
	e, err := s.get()
	if err != nil {
		return SyncStatus{}, err
	}
	st, err := e.Now(ctx)
	if err != nil {
		return SyncStatus{}, err
	}
	return s.withConflicts(st)
}

// BundleExportRequest names the peer a bundle is for (what it lacks since its
// last sync), or All for everything this node holds.
type BundleExportRequest struct {
	Peer string `json:"peer"`
	All  bool   `json:"all"`
	// Files makes the bundle carry the files its records name (scans,
	// evidence) that the recipient may see; without it the files follow
	// by sync.
	Files bool `json:"files"`
}

// bundleFilesExporter is a sync engine that writes bundles carrying the
// files their records name.
type bundleFilesExporter interface {
	ExportBundleFiles(peer string) ([]byte, BundleResult, error)
}

// BundleFile is an exported bundle.
type BundleFile struct {
	Filename string `json:"filename"`
	Content  string `json:"content"`
	BundleResult
}

// ExportBundle writes a bundle for a USB stick or an e-mail
// (administrators). The bundle carries citizens' data: each export is
// recorded in the access log (access_log.go) before the file is handed
// over, and refused when it cannot be.
func (s *Sync) ExportBundle(ctx context.Context, req BundleExportRequest) (BundleFile, error) {
	e, err := s.get()
	if err != nil {
		return BundleFile{}, err
	}
	peer := strings.TrimSpace(req.Peer)
	if peer == "" && !req.All {
		return BundleFile{}, FieldError("peer", "say which peer the bundle is for, or ask for everything")
	}
	if req.All {
		peer = ""
	}
	b, res, err := exportBundle(e, peer, req.Files)
	if err != nil {
		return BundleFile{}, err
	}
	if err := s.recordExport(ctx, e, peer, res); err != nil {
		return BundleFile{}, err
	}
	return BundleFile{
		Filename: s.bundleName(), Content: base64.StdEncoding.EncodeToString(b), BundleResult: res,
	}, nil
}

// exportBundle writes a bundle with its files when asked and the engine
// can.
func exportBundle(e SyncEngine, peer string, files bool) ([]byte, BundleResult, error) {
	if fe, ok := e.(bundleFilesExporter); ok && files {
		return fe.ExportBundleFiles(peer)
	}
	return e.ExportBundle(peer)
}

// bundleName names an exported bundle file.
func (s *Sync) bundleName() string { return "hoso-" + s.now().Format("20060102-1504") + ".hsb" }

// recordExport records an export in the access log (a logged-in caller's),
// before the file is handed over.
func (s *Sync) recordExport(ctx context.Context, e SyncEngine, peer string, res BundleResult) error {
	d, err := s.core.Deps()
	if err != nil {
		return err
	}
	entry := AccessEntry{Action: AccessExport, Method: "Sync.ExportBundle", Scope: "all", For: "", Events: res.Events}
	if peer != "" {
		entry.Scope, entry.For = "since-last-sync", peer
		if st, err := e.Status(); err == nil {
			for _, p := range st.Peers {
				if p.Peer == peer && p.Office != "" {
					entry.For = peer + " (" + p.Office + ")"
				}
			}
		}
	}
	if c := CallerFrom(ctx); c.LoggedIn() {
		return recordAccess(d.Store, c, s.now(), entry)
	}
	return nil
}

// BundleImportRequest carries a bundle file, base64-encoded.
type BundleImportRequest struct {
	Content string `json:"content"`
}

// ImportBundle imports a bundle whole or refuses it (CodeBundleRejected).
func (s *Sync) ImportBundle(req BundleImportRequest) (BundleResult, error) {
	e, err := s.get()
	if err != nil {
		return BundleResult{}, err
	}
	b, err := base64.StdEncoding.DecodeString(req.Content)
	if err != nil {
		return BundleResult{}, FieldError("content", "the file is not base64")
	}
	return e.ImportBundle(b)
}

// Issue enrols a device below this node (administrators).
func (s *Sync) Issue(req IssueRequest) (IssueReply, error) {
	e, err := s.get()
	if err != nil {
		return IssueReply{}, err
	}
	return e.Issue(req)
}

// AcceptRequest carries this device's enrolment text.
type AcceptRequest struct {
	Text string `json:"text"`
}

// Accept records this device's enrolment (administrators).
func (s *Sync) Accept(req AcceptRequest) (SyncStatus, error) {
	e, err := s.get()
	if err != nil {
		return SyncStatus{}, err
	}
	if err := e.Accept(req.Text); err != nil {
		return SyncStatus{}, err
	}
	return s.Status()
}

// RevokeRequest names the device to revoke.
type RevokeRequest struct {
	Peer string `json:"peer"`
}

// Revoke revokes a device (administrators).
func (s *Sync) Revoke(req RevokeRequest) (SyncStatus, error) {
	e, err := s.get()
	if err != nil {
		return SyncStatus{}, err
	}
	if err := e.Revoke(req.Peer); err != nil {
		return SyncStatus{}, err
	}
	return s.Status()
}

// MaxDailyBudget bounds the daily budget one may set (a terabyte: above it
// a limit means nothing).
const MaxDailyBudget int64 = 1e12

// BudgetRequest sets the daily sync budget per peer, in bytes; 0 removes
// it.
type BudgetRequest struct {
	Bytes int64 `json:"bytes"`
}

// SetBudget sets the daily sync byte budget per peer (administrators): on
// a metered link, background sync with a peer pauses until midnight once
// the day's bytes with it are spent; "sync now" still syncs.
func (s *Sync) SetBudget(req BudgetRequest) (SyncStatus, error) {
	e, err := s.get()
	if err != nil {
		return SyncStatus{}, err
	}
	if req.Bytes < 0 || req.Bytes > MaxDailyBudget {
		return SyncStatus{}, FieldError("bytes", "the daily budget must be between 0 (no limit) and 1,000 GB")
	}
	if err := e.SetDailyBudget(req.Bytes); err != nil {
		return SyncStatus{}, err
	}
	return s.Status()
}
