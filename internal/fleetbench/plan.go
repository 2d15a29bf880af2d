package fleetbench

// What the orchestrator and its workers exchange, one JSON object a line
// (worker.go).

import "time"

const (
	// dayIntervals is a working day of 8 hours in 5-minute sync
	// intervals.
	dayIntervals = 96
	// realInterval is the interval the compressed run stands for.
	realInterval = 5 * time.Minute
	// eventsPerDossier: received, two steps, result returned.
	eventsPerDossier = 4
	// desksPerCommune is how many desks each commune has.
	desksPerCommune = 3
	// backlogDays is how many days of dossiers an offline desk brings
	// back.
	backlogDays = 3
	// usbShare is the share of desks that never connect and send a
	// bundle instead (at least one desk when there are 20 or more).
	usbShare = 0.01
	// province is the hub's office code.
	province = "38"
)

// DeskPlan is one desk as the orchestrator planned it.
type DeskPlan struct {
	Index int `json:"index"`
	// Office is the commune's code; Leader marks the commune's first
	// desk, which the hub enrols and which enrols the others.
	Office string `json:"office"`
	Leader bool   `json:"leader,omitempty"`
	// Offline desks come online halfway through the day; USB desks
	// never do.
	Offline bool `json:"offline,omitempty"`
	USB     bool `json:"usb,omitempty"`
}

// Plan is what a worker is given first.
type Plan struct {
	Desks []DeskPlan `json:"desks"`
	// Paths gives each office's path from the province.
	Paths map[string]string `json:"paths"`
	// IntervalMs is one compressed sync interval; Dossiers is each
	// desk's dossiers per day.
	IntervalMs int64 `json:"intervalMs"`
	Dossiers   int   `json:"dossiers"`
	// Intervals is the syncs of the simulated day (Config.Intervals).
	Intervals int `json:"intervals"`
	// Seed makes the schedule repeatable.
	Seed uint64 `json:"seed"`
	// Dir receives the USB desks' bundles.
	Dir string `json:"dir"`
}

// Command is a later line to a worker.
type Command struct {
	Cmd string `json:"cmd"`
	// Texts are the leaders' enrolment texts by desk index ("enrol").
	Texts map[int]string `json:"texts,omitempty"`
	// StartUnixMs is when the day begins ("day").
	StartUnixMs int64 `json:"startUnixMs,omitempty"`
}

// Answer is one line from a worker: OK, or Error.
type Answer struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	// Peers lists the desks' peer IDs by index (after the plan).
	Peers map[int]string `json:"peers,omitempty"`
	// Ms is how long the command took.
	Ms float64 `json:"ms,omitempty"`
	// SyncMs lists every desk sync of the day, in milliseconds.
	SyncMs []float64 `json:"syncMs,omitempty"`
	// PullMs lists, in the same order, the part of each that the desk's
	// pull took; the rest waited for the hub's pull back.
	PullMs []float64 `json:"pullMs,omitempty"`
	// Desks are the desks' results ("day").
	Desks []DeskResult `json:"desks,omitempty"`
	// Bundles are the USB desks' bundle files ("bundles").
	Bundles []string `json:"bundles,omitempty"`
	// RssMB is the worker's peak resident memory.
	RssMB float64 `json:"rssMB,omitempty"`
}

// DeskResult is one desk's day.
type DeskResult struct {
	Index  int    `json:"index"`
	Peer   string `json:"peer"`
	Origin string `json:"origin"`
	Office string `json:"office"`
	// Written counts the dossier events it wrote; Seq is the last
	// sequence number of its own events (the hub must hold it).
	Written int    `json:"written"`
	Seq     uint64 `json:"seq"`
	// Syncs and Failed count its syncs; Online is false for a USB desk.
	Syncs  int `json:"syncs"`
	Failed int `json:"failed"`
	// Skipped counts the intervals a late sync covered.
	Skipped int  `json:"skipped"`
	Online  bool `json:"online"`
	// BytesIn and BytesOut are its sync bytes with the hub.
	BytesIn  int64 `json:"bytesIn"`
	BytesOut int64 `json:"bytesOut"`
	// ComebackMs is, for an offline desk, the time from its coming
	// online until the hub had pulled its backlog.
	ComebackMs float64 `json:"comebackMs,omitempty"`
	// LastError is its last failure, if any.
	LastError string `json:"lastError,omitempty"`

	// sentBase is the events the hub had pulled from the desk at its
	// last complete sync; unsent what a failed sync left behind.
	sentBase, unsent int
}
