package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/iso"
	"hoso/store"
)

const isoActionProjID = "isoaction"

// isoActionProjection folds a corrective action (iso.Action); only the
// owning office's events apply, as for nonconformities.
var isoActionProjection = ownedProjection[iso.Action]{jsonProjection[iso.Action]{
	name:   isoActionProjID,
	prefix: iso.ActionPrefix,
	apply: func(s *iso.Action, e *store.Event) {
		if subjectOffice(e.Subject, iso.ActionPrefix) == e.Owner {
			s.Apply(e.Kind, e.Body)
		}
	},
	index: func(subject string, s *iso.Action) []store.IndexEntry {
		if s.ID == "" {
			return nil
		}
		return []store.IndexEntry{{Index: isoIndexOffice, Key: officeKey(subjectOffice(subject, iso.ActionPrefix))}}
	},
}}

// ActionItem is a corrective action as the interface shows it: with
// whether it is overdue and from when its effectiveness may be checked.
type ActionItem struct {
	iso.Action
	Overdue bool `json:"overdue"`
	// CheckFrom is when its effectiveness may be checked; absent while
	// it is open.
	CheckFrom time.Time `json:"checkFrom,omitzero"`
}

func actionItem(a iso.Action, now time.Time) ActionItem {
	return ActionItem{Action: a, Overdue: a.Overdue(now), CheckFrom: a.CheckFrom()}
}

func getAction(st *store.Store, office, id string) (iso.Action, error) {
	var a iso.Action
	ok, err := readState(st, isoActionProjID, iso.ActionSubject(office, id), &a)
	if err != nil {
		return a, err
	}
	if !ok || a.ID == "" {
		return a, &Error{Code: CodeNotFound, Field: "id", Message: "no corrective action " + id, Params: map[string]string{"id": id}}
	}
	return a, nil
}

// officeActions reads every corrective action of an office.
func officeActions(st *store.Store, office string) ([]iso.Action, error) {
	hits, err := st.Scan(isoActionProjID, isoIndexOffice, store.ScanOptions{Prefix: officeKey(office)})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the corrective actions")
	}
	out := make([]iso.Action, 0, len(hits))
	for _, h := range hits {
		var a iso.Action
		if ok, err := readState(st, isoActionProjID, h.Subject, &a); err != nil {
			return nil, err
		} else if ok && a.ID != "" {
			out = append(out, a)
		}
	}
	return out, nil
}

// checkOwner checks that an action's owner is an active user of the
// office.
func checkOwner(st *store.Store, office, id string) error {
	u, err := getUser(st, id)
	if err != nil || u.Office != office || u.Disabled {
		return FieldError("owner", "%q is not an active user of office %s", id, office)
	}
	return nil
}

// OpenActionRequest opens a corrective action for an accepted
// nonconformity of the caller's office. CheckDays is how many days after
// its closure its effectiveness is checked; nil is iso.DefaultCheckDays.
type OpenActionRequest struct {
	NC        string `json:"nc"`
	Analysis  string `json:"analysis"`
	Category  string `json:"category"`
	Action    string `json:"action"`
	Owner     string `json:"owner"`
	Due       string `json:"due"`
	CheckDays *int   `json:"checkDays,omitempty"`
}

// OpenAction opens a corrective action: the cause analysis and its
// category, the action, who carries it out and by when. The action and
// the nonconformity's link to it are written in one batch.
func (i *Iso) OpenAction(ctx context.Context, req OpenActionRequest) (ActionItem, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ActionItem{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	now := i.now()
	f := iso.ActionFields{Analysis: strings.TrimSpace(req.Analysis), Category: req.Category, Action: strings.TrimSpace(req.Action),
		Owner: strings.TrimSpace(req.Owner), Due: strings.TrimSpace(req.Due), CheckDays: iso.DefaultCheckDays}
	if req.CheckDays != nil {
		f.CheckDays = *req.CheckDays
	}
	i.mu.Lock()
	defer i.mu.Unlock()
	n, err := getNC(d.Store, office, strings.TrimSpace(req.NC))
	if err != nil {
		return ActionItem{}, err
	}
	if err := n.CanOpenAction(); err != nil {
		return ActionItem{}, ncRefused(err)
	}
	if err := f.Validate(n.RaisedAt, now); err != nil {
		return ActionItem{}, ncRefused(err)
	}
	if err := checkOwner(d.Store, office, f.Owner); err != nil {
		return ActionItem{}, err
	}
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ActionItem{}, Wrap(CodeInternal, err, "drawing an action id")
	}
	a := iso.ActionOpened{
		ID: fmt.Sprintf("%s-%s", now.In(calendar.Zone).Format("060102"), hex.EncodeToString(b[:])), Office: office,
		NC: n.ID, Process: n.Process, Analysis: f.Analysis, Category: f.Category, Action: f.Action,
		Owner: f.Owner, Due: f.Due, CheckDays: f.CheckDays, By: cl.Actor(), At: now,
	}
	drafts := []store.Draft{
		{Actor: cl.Actor(), Owner: office, Kind: iso.KindActionOpened, Subject: iso.ActionSubject(office, a.ID), Body: mustJSON(a)},
		{Actor: cl.Actor(), Owner: office, Kind: iso.KindNCActionOpened, Subject: iso.NCSubject(office, n.ID), Body: mustJSON(iso.NCActionOpened{Action: a.ID, By: cl.Actor(), At: now})},
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return ActionItem{}, appendErr(err, "opening the corrective action")
	}
	act, err := getAction(d.Store, office, a.ID)
	return actionItem(act, now), err
}

// UpdateActionRequest changes an open action of the caller's office: the
// fields given replace the old (empty ones are kept), Evidence and
// Dossiers add evidence of what was done.
type UpdateActionRequest struct {
	ID       string   `json:"id"`
	Analysis string   `json:"analysis"`
	Category string   `json:"category"`
	Action   string   `json:"action"`
	Owner    string   `json:"owner"`
	Due      string   `json:"due"`
	Evidence string   `json:"evidence"`
	Dossiers []string `json:"dossiers"`
}

// UpdateAction records a change of an open corrective action or evidence
// for it; a dossier named as evidence must be one the office can see.
func (i *Iso) UpdateAction(ctx context.Context, req UpdateActionRequest) (ActionItem, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ActionItem{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	now := i.now()
	u := iso.ActionUpdated{Analysis: strings.TrimSpace(req.Analysis), Category: req.Category, Action: strings.TrimSpace(req.Action),
		Owner: strings.TrimSpace(req.Owner), Due: strings.TrimSpace(req.Due), Evidence: strings.TrimSpace(req.Evidence), By: cl.Actor(), At: now}
	i.mu.Lock()
	defer i.mu.Unlock()
	a, err := getAction(d.Store, office, strings.TrimSpace(req.ID))
	if err != nil {
		return ActionItem{}, err
	}
	if a.Closed != nil {
		return ActionItem{}, &Error{Code: CodeRefused, Message: "the action is closed", Params: map[string]string{"rule": "action_closed"}}
	}
	if u.Category != "" && !iso.ValidCategory(u.Category) {
		return ActionItem{}, FieldError("category", "choose a cause category from the list")
	}
	if u.Due != "" {
		n, err := getNC(d.Store, office, a.NC)
		if err != nil {
			return ActionItem{}, err
		}
		if err := iso.ValidateDue(u.Due, n.RaisedAt, now); err != nil {
			return ActionItem{}, ncRefused(err)
		}
	}
	if u.Owner != "" {
		if err := checkOwner(d.Store, office, u.Owner); err != nil {
			return ActionItem{}, err
		}
	}
	for _, c := range req.Dossiers {
		c = strings.TrimSpace(c)
		if c == "" || slices.Contains(u.Dossiers, c) {
			continue
		}
		if _, err := visibleDossier(d.Store, office, c, "dossiers"); err != nil {
			return ActionItem{}, err
		}
		u.Dossiers = append(u.Dossiers, c)
	}
	if u.Analysis == "" && u.Category == "" && u.Action == "" && u.Owner == "" && u.Due == "" && u.Evidence == "" && len(u.Dossiers) == 0 {
		return ActionItem{}, FieldError("evidence", "nothing to change")
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindActionUpdated, Subject: iso.ActionSubject(office, a.ID), Body: mustJSON(u)}
	if _, err := d.Store.Append(draft); err != nil {
		return ActionItem{}, appendErr(err, "updating the corrective action")
	}
	a, err = getAction(d.Store, office, a.ID)
	return actionItem(a, now), err
}

// ActionRequest names a corrective action of the caller's office, with a
// note (the closure's or the check's).
type ActionRequest struct {
	ID   string `json:"id"`
	Note string `json:"note"`
}

// CloseAction closes a corrective action and, when it was the last open
// one of its nonconformity, the nonconformity with it, in one batch. Only
// a leader may (the access table says so).
func (i *Iso) CloseAction(ctx context.Context, req ActionRequest) (ActionItem, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ActionItem{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	now := i.now()
	i.mu.Lock()
	defer i.mu.Unlock()
	a, err := getAction(d.Store, office, strings.TrimSpace(req.ID))
	if err != nil {
		return ActionItem{}, err
	}
	if a.Closed != nil {
		return ActionItem{}, &Error{Code: CodeRefused, Message: "the action is closed already", Params: map[string]string{"rule": "action_closed"}}
	}
	note := strings.TrimSpace(req.Note)
	drafts := []store.Draft{
		{Actor: cl.Actor(), Owner: office, Kind: iso.KindActionClosed, Subject: iso.ActionSubject(office, a.ID), Body: mustJSON(iso.ActionClosed{Note: note, By: cl.Actor(), At: now})},
	}
	if n, err := getNC(d.Store, office, a.NC); err == nil && n.Closed == nil && othersClosed(d.Store, office, n, a.ID) {
		drafts = append(drafts, store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindNCClosed, Subject: iso.NCSubject(office, a.NC),
			Body: mustJSON(iso.NCClosed{Action: a.ID, Note: note, By: cl.Actor(), At: now})})
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return ActionItem{}, appendErr(err, "closing the corrective action")
	}
	a, err = getAction(d.Store, office, a.ID)
	return actionItem(a, now), err
}

// othersClosed reports whether every action of the nonconformity but the
// one being closed is closed already.
func othersClosed(st *store.Store, office string, n iso.NC, closing string) bool {
	for _, id := range n.Actions {
		if id == closing {
			continue
		}
		if a, err := getAction(st, office, id); err != nil || a.Closed == nil {
			return false
		}
	}
	return true
}

// CheckEffectiveness records whether a closed action was effective: it
// was when no nonconformity of the same process or cause category has
// been raised since its closure. It is refused before the action's check
// period has run.
func (i *Iso) CheckEffectiveness(ctx context.Context, req ActionRequest) (ActionItem, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ActionItem{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	now := i.now()
	i.mu.Lock()
	defer i.mu.Unlock()
	a, err := getAction(d.Store, office, strings.TrimSpace(req.ID))
	if err != nil {
		return ActionItem{}, err
	}
	if a.Closed == nil {
		return ActionItem{}, &Error{Code: CodeRefused, Message: "close the action first", Params: map[string]string{"rule": "action_open"}}
	}
	if from := a.CheckFrom(); now.Before(from) {
		return ActionItem{}, &Error{Code: CodeRefused, Message: "the effectiveness is checked from " + calendar.DateOf(from).String(),
			Params: map[string]string{"rule": "check_too_early", "from": calendar.DateOf(from).String()}}
	}
	// The new nonconformities are those of today's log: run the rules
	// first, so a cause the work raised since is counted.
	if _, err := scanNCs(d.Store, office, now); err != nil {
		return ActionItem{}, err
	}
	ncs, err := officeNCs(d.Store, office)
	if err != nil {
		return ActionItem{}, err
	}
	acts, err := officeActions(d.Store, office)
	if err != nil {
		return ActionItem{}, err
	}
	category := map[string]string{}
	for _, x := range acts {
		category[x.NC] = x.Category
	}
	recurred := a.Recurred(ncs, func(nc string) string { return category[nc] })
	c := iso.ActionChecked{Effective: len(recurred) == 0, Recurred: recurred, Note: strings.TrimSpace(req.Note), By: cl.Actor(), At: now}
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: iso.KindActionChecked, Subject: iso.ActionSubject(office, a.ID), Body: mustJSON(c)}
	if _, err := d.Store.Append(draft); err != nil {
		return ActionItem{}, appendErr(err, "recording the effectiveness check")
	}
	a, err = getAction(d.Store, office, a.ID)
	return actionItem(a, now), err
}

// ActionsRequest filters an office's corrective actions (empty office:
// the caller's): State "open", "overdue" or "closed".
type ActionsRequest struct {
	Office string `json:"office"`
	State  string `json:"state"`
}

// ActionsReply lists corrective actions, overdue first, then by due day,
// with the cause categories to choose from.
type ActionsReply struct {
	Office     string              `json:"office"`
	Items      []ActionItem        `json:"items"`
	Overdue    int                 `json:"overdue"`
	Categories []iso.CauseCategory `json:"categories"`
}

// Actions lists an office's corrective actions.
func (i *Iso) Actions(ctx context.Context, req ActionsRequest) (ActionsReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return ActionsReply{}, err
	}
	office, err := isoOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return ActionsReply{}, err
	}
	switch req.State {
	case "", "open", "overdue", "closed":
	default:
		return ActionsReply{}, FieldError("state", "the state must be open, overdue or closed")
	}
	acts, err := officeActions(d.Store, office)
	if err != nil {
		return ActionsReply{}, err
	}
	now := i.now()
	out := ActionsReply{Office: office, Items: []ActionItem{}, Categories: slices.Clone(iso.CauseCategories)}
	for _, a := range acts {
		it := actionItem(a, now)
		if it.Overdue {
			out.Overdue++
		}
		switch {
		case req.State == "open" && a.Closed != nil, req.State == "closed" && a.Closed == nil, req.State == "overdue" && !it.Overdue:
			continue
		}
		out.Items = append(out.Items, it)
	}
	slices.SortStableFunc(out.Items, func(a, b ActionItem) int {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Due, b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}
