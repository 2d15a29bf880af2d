package syncbench

// Result is what a run measured, printed as one JSON object by hoso-node
// bench sync. scripts/bench-sync.sh reads the JSON names and earlier runs
// are compared by them: they do not change.
type Result struct {
	System         string           `json:"system"`
	N              int              `json:"n"`
	Events         int              `json:"events"`
	DocJSONBytes   int64            `json:"docJsonBytes"`
	LoadMs         float64          `json:"loadMs"`
	Connect        Connect          `json:"connect"`
	Full           Full             `json:"full"`
	Incremental100 Phase            `json:"incremental100"`
	Noop           Noop             `json:"noop"`
	Idle           Idle             `json:"idleAfter"`
	PeakRssMB      Peaks            `json:"peakRssMB"`
	PeakRssByPhase map[string]Peaks `json:"peakRssByPhaseMB"`
	RssSplit       map[string]Split `json:"rssAtPhaseEndMB"`
	CPUms          map[string]Peaks `json:"cpuMsByPhase"`
	Verify         Verify           `json:"verify"`
	Bidirectional  bool             `json:"bidirectional"`
	Encrypted      bool             `json:"encryptedAtRest"`
	Machine        map[string]any   `json:"machine"`
	WallS          float64          `json:"wallS"`
	Notes          []string         `json:"notes"`
}

// Connect is the libp2p connection's set-up, made once before the full
// sync.
type Connect struct {
	Ms       float64 `json:"ms"`
	TCPBytes int64   `json:"tcpBytes"`
}

// Full is the first pull, of every event.
type Full struct {
	Ms             float64 `json:"ms"`
	DossiersPerSec float64 `json:"dossiersPerSec"`
	EventsPerSec   float64 `json:"eventsPerSec"`
	// BytesUp is commune → district (the records' direction, like
	// pouch's up), BytesDown district → commune: TCP payload through the
	// counting proxy, settled (see the notes).
	BytesUp         int64     `json:"bytesUp"`
	BytesDown       int64     `json:"bytesDown"`
	BytesTotal      int64     `json:"bytesTotal"`
	BytesPerDossier float64   `json:"bytesPerDossier"`
	Protocol        Proto     `json:"protocol"`
	Pull            PullStats `json:"pull"`
}

// Phase is the incremental pull, after the commune changed dossiers.
type Phase struct {
	Ms           float64   `json:"ms"`
	Bytes        int64     `json:"bytes"`
	BytesUp      int64     `json:"bytesUp"`
	BytesDown    int64     `json:"bytesDown"`
	Protocol     Proto     `json:"protocol"`
	Pull         PullStats `json:"pull"`
	LocalWriteMs float64   `json:"localWriteMs,omitempty"`
}

// Noop is the pulls with nothing new.
type Noop struct {
	Repeats int     `json:"repeats"`
	Ms      float64 `json:"ms"` // median
	MinMs   float64 `json:"minMs"`
	MaxMs   float64 `json:"maxMs"`
	Bytes   int64   `json:"bytes"` // median, TCP through the proxy
	// BytesEach and ProtocolBytesEach list every repeat.
	BytesEach         []int64 `json:"bytesEach"`
	ProtocolBytesEach []int64 `json:"protocolBytesEach"`
	Protocol          Proto   `json:"protocol"` // median repeat's
	UpToDate          []bool  `json:"upToDate"`
}

// Idle is what crossed the wire while nothing was asked.
type Idle struct {
	Seconds float64 `json:"seconds"`
	Bytes   int64   `json:"bytes"`
}

// Proto are the protocol's own counts (PullStats): frames as written and
// read by the sync protocol, inside the libp2p stream.
type Proto struct {
	BytesIn    int64 `json:"bytesIn"`
	BytesOut   int64 `json:"bytesOut"`
	BytesTotal int64 `json:"bytesTotal"`
}

// Split is the resident memory of both nodes at the end of a phase,
// anonymous (heap) and file-backed (Badger's memory-mapped files).
type Split struct {
	DistrictAnon float64 `json:"districtAnon"`
	DistrictFile float64 `json:"districtFile"`
	CommuneAnon  float64 `json:"communeAnon"`
	CommuneFile  float64 `json:"communeFile"`
}

// Peaks is one figure of each node.
type Peaks struct {
	District float64 `json:"district"`
	Commune  float64 `json:"commune"`
}

// Verify checks that the district holds what the commune wrote.
type Verify struct {
	CommuneEvents  uint64 `json:"communeEvents"`
	DistrictHolds  uint64 `json:"districtHoldsOfCommune"`
	Match          bool   `json:"match"`
	Incremental100 int    `json:"incrementalAdded"`
}

// PullStats is a p2p.PullStats as the output and the line protocol carry
// it.
type PullStats struct {
	UpToDate bool  `json:"upToDate"`
	Batches  int   `json:"batches"`
	Events   int   `json:"events"`
	Added    int   `json:"added"`
	BytesIn  int64 `json:"bytesIn"`
	BytesOut int64 `json:"bytesOut"`
}

// proto is the protocol's own counts of a pull.
func (s *PullStats) proto() Proto {
	return Proto{BytesIn: s.BytesIn, BytesOut: s.BytesOut, BytesTotal: s.BytesIn + s.BytesOut}
}
