package app

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/complaint"
	"hoso/store"
)

// complaintLimitsProjID folds an office's complaint limits
// (complaintrules/<office>).
const complaintLimitsProjID = "complaintrules"

// LimitsVersion is one version of the complaint legal times: set by an
// office (its n-th), by whom, when and on what basis. The built-in limits
// (complaint.DefaultLimits) are version 0 of office "".
type LimitsVersion struct {
	complaint.LimitsSet
	Office     string    `json:"office"`
	Version    int       `json:"version"`
	Actor      string    `json:"actor"`
	RecordedAt time.Time `json:"recordedAt"`
}

// ID names the version as a complaint records it: "38@2", "builtin@0".
func (v LimitsVersion) ID() string {
	office := v.Office
	if office == "" {
		office = "builtin"
	}
	return office + "@" + strconv.Itoa(v.Version)
}

// builtinLimits is version 0: the limits shipped in the program.
func builtinLimits() LimitsVersion {
	return LimitsVersion{LimitsSet: complaint.LimitsSet{Limits: complaint.DefaultLimits(), Basis: complaint.DefaultBasis}}
}

// limitsRecord is every version an office set, in fold order.
type limitsRecord struct {
	Versions []LimitsVersion `json:"versions"`
}

// complaintLimitsProjection applies only the office's own events: limits
// written by another office under its name are ignored, as are unusable
// ones.
var complaintLimitsProjection = ownedProjection[limitsRecord]{jsonProjection[limitsRecord]{
	name:   complaintLimitsProjID,
	prefix: complaint.LimitsPrefix,
	apply: func(s *limitsRecord, e *store.Event) {
		var b complaint.LimitsSet
		if e.Kind != complaint.KindLimitsSet || subjectOffice(e.Subject, complaint.LimitsPrefix) != e.Owner || !decodeBody(e, &b) || b.Validate() != nil {
			return
		}
		s.Versions = append(s.Versions, LimitsVersion{LimitsSet: b, Office: e.Owner, Version: len(s.Versions) + 1, Actor: e.Actor, RecordedAt: e.HLC.Time()})
	},
}}

// ownLimits reads the versions an office set itself, oldest first.
func ownLimits(st *store.Store, office string) ([]LimitsVersion, error) {
	var r limitsRecord
	if _, err := readState(st, complaintLimitsProjID, complaint.LimitsPrefix+office, &r); err != nil {
		return nil, err
	}
	return r.Versions, nil
}

// complaintLimits returns the limits in force at an office now: the last
// version it set, else the nearest office above's, else the built-in
// ones. A complaint's due days are computed with them at its reception,
// and its publication's when it is answered.
func complaintLimits(st *store.Store, office string) (LimitsVersion, error) {
	in := builtinLimits()
	err := upTree(st, office, func(code string) (bool, error) {
		vs, err := ownLimits(st, code)
		if err != nil || len(vs) == 0 {
			return false, err
		}
		in = vs[len(vs)-1]
		return true, nil
	})
	return in, err
}

// LimitsRequest names the office whose complaint limits are read; empty
// is the caller's.
type LimitsRequest struct {
	Office string `json:"office"`
}

// LimitsLine is a version of the limits with the names of its office and
// of the user who set it.
type LimitsLine struct {
	LimitsVersion
	OfficeName string `json:"officeName"`
	ActorName  string `json:"actorName"`
}

// LimitsReply is the complaint limits that govern an office.
type LimitsReply struct {
	Office string `json:"office"`
	// InForce is the version in force now.
	InForce LimitsLine `json:"inForce"`
	// History is every version set by the office or an office above it,
	// most recent first, the built-in one last.
	History []LimitsLine `json:"history"`
}

// Limits returns the complaint legal times in force at an office, with
// who set them, when and on what basis, and their history.
func (s *Complaints) Limits(ctx context.Context, req LimitsRequest) (LimitsReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return LimitsReply{}, err
	}
	st := d.Store
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(st, CallerFrom(ctx))
	}
	in, err := complaintLimits(st, office)
	if err != nil {
		return LimitsReply{}, err
	}
	var all []LimitsVersion
	if err := upTree(st, office, func(code string) (bool, error) {
		vs, err := ownLimits(st, code)
		all = append(all, vs...)
		return false, err
	}); err != nil {
		return LimitsReply{}, err
	}
	slices.SortStableFunc(all, func(a, b LimitsVersion) int { return b.RecordedAt.Compare(a.RecordedAt) })
	all = append(all, builtinLimits())
	names := map[string]string{}
	line := func(v LimitsVersion) LimitsLine {
		l := LimitsLine{LimitsVersion: v}
		if v.Office != "" {
			if _, ok := names[v.Office]; !ok {
				o, _ := getOffice(st, v.Office)
				names[v.Office] = o.Name
			}
			l.OfficeName = names[v.Office]
		}
		if v.Actor != "" {
			if _, ok := names["u:"+v.Actor]; !ok {
				names["u:"+v.Actor] = userName(st, v.Actor)
			}
			l.ActorName = names["u:"+v.Actor]
		}
		return l
	}
	out := LimitsReply{Office: office, InForce: line(in), History: make([]LimitsLine, len(all))}
	for i, v := range all {
		out.History[i] = line(v)
	}
	return out, nil
}

// SetLimits records new complaint legal times for the caller's office,
// with their legal basis; the offices below it without their own follow
// them. They apply to the complaints received from now on (and to the
// publication of answers given from now on): a complaint keeps the due
// days it was received with. A time out of range, or a missing basis, is
// refused with its field ("limits.answer", "basis") and rule.
func (s *Complaints) SetLimits(ctx context.Context, req complaint.LimitsSet) (LimitsReply, error) {
	req.Basis = strings.TrimSpace(req.Basis)
	if err := req.Validate(); err != nil {
		var re *complaint.RuleError
		if errors.As(err, &re) {
			// Invalid input, not an act refused: the rule only words it.
			e := FieldError(re.Field, "%s", re.Message)
			e.Params = map[string]string{"rule": re.Rule, "min": strconv.Itoa(complaint.MinLimit), "max": strconv.Itoa(complaint.MaxLimit)}
			return LimitsReply{}, e
		}
		return LimitsReply{}, err
	}
	d, err := s.core.Deps()
	if err != nil {
		return LimitsReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: complaint.KindLimitsSet, Subject: complaint.LimitsPrefix + office, Body: mustJSON(req)}
	if _, err := d.Store.Append(draft); err != nil {
		return LimitsReply{}, appendErr(err, "saving the complaint limits")
	}
	return s.Limits(ctx, LimitsRequest{Office: office})
}
