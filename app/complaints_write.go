package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"hoso/attach"
	"hoso/complaint"
	"hoso/iso"
	"hoso/store"
)

// ReceiveComplaintRequest receives a complaint. Office is the office that
// handles it: empty (or the caller's) at the caller's desk; an office below
// the caller's when the province forwards one (its channel is then
// "province"). Dossier names the dossier it is about, when there is one.
type ReceiveComplaintRequest struct {
	Office   string             `json:"office"`
	Channel  complaint.Channel  `json:"channel"`
	From     complaint.Person   `json:"from"`
	Dossier  string             `json:"dossier"`
	Category complaint.Category `json:"category"`
	Text     string             `json:"text"`
	// ReceivedAt is when a complaint that came by mail or phone arrived,
	// entered later (RFC 3339; empty: now): within the last seven days,
	// as for a dossier, without bound for the operator.
	ReceivedAt string `json:"receivedAt"`
}

// Receive records a complaint with its due days. A dossier named must be
// one the handling office can see (visibleDossier); any other is answered
// as not found.
func (s *Complaints) Receive(ctx context.Context, req ReceiveComplaintRequest) (ComplaintReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ComplaintReply{}, err
	}
	cl := CallerFrom(ctx)
	own := callerOffice(d.Store, cl)
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = own
	}
	var audience []string
	if office != own {
		if _, err := getOffice(d.Store, office); err != nil {
			return ComplaintReply{}, err
		}
		if ok, err := officeSees(d.Store, own, office); err != nil {
			return ComplaintReply{}, err
		} else if !ok {
			return ComplaintReply{}, &Error{Code: CodeForbidden, Field: "office", Message: "office " + office + " is not below " + own, Params: map[string]string{"office": office}}
		}
		audience, req.Channel = []string{office}, complaint.ChannelProvince
	}
	if req.Channel == "" {
		req.Channel = complaint.ChannelDesk
	}
	r := complaint.Received{Office: office, ReceivedBy: own, Clerk: cl.Actor(), Channel: req.Channel, Category: req.Category,
		From: complaint.Person{Name: strings.TrimSpace(req.From.Name), Contact: strings.TrimSpace(req.From.Contact)}, Text: strings.TrimSpace(req.Text)}
	if code := strings.TrimSpace(req.Dossier); code != "" {
		ds, err := visibleDossier(d.Store, office, code, "dossier")
		if err != nil {
			return ComplaintReply{}, err
		}
		r.Dossier = ds.Code
	}
	now := s.now()
	at := now
	if req.ReceivedAt != "" {
		if at, err = time.Parse(time.RFC3339, req.ReceivedAt); err != nil {
			return ComplaintReply{}, FieldError("receivedAt", "receivedAt must be an RFC 3339 time")
		}
		if at.After(now.Add(time.Minute)) || (!cl.Operator && now.Sub(at) > 7*24*time.Hour) {
			return ComplaintReply{}, FieldError("receivedAt", "the reception time must be within the last seven days")
		}
	}
	r.At = at.UTC()
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return ComplaintReply{}, err
	}
	// The limits in force at the handling office now, inherited from the
	// province unless it set its own: a later change does not move these
	// due days.
	lim, err := complaintLimits(d.Store, office)
	if err != nil {
		return ComplaintReply{}, err
	}
	if r.Due, err = complaint.DueDates(cal, cal.DueRulesAt(at), at, lim.Limits); err != nil {
		return ComplaintReply{}, calendarError("at", err)
	}
	r.LimitsVersion = lim.ID()
	var b [3]byte
	if _, err := rand.Read(b[:]); err != nil {
		return ComplaintReply{}, Wrap(CodeInternal, err, "drawing a complaint id")
	}
	// Random, so that two desks offline never draw the same.
	r.ID = "PA" + complaintDay(at) + "-" + strings.ToUpper(hex.EncodeToString(b[:]))
	if re := r.Validate(); re != nil {
		var rule *complaint.RuleError
		if errors.As(re, &rule) {
			return ComplaintReply{}, complaintRuleError(rule)
		}
		return ComplaintReply{}, re
	}
	subject := complaint.Subject(office, r.ID)
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: own, Audience: audience, Kind: complaint.KindReceived, Subject: subject, Body: mustJSON(r)}); err != nil {
		return ComplaintReply{}, appendErr(err, "receiving the complaint")
	}
	c, _, err := readComplaint(d.Store, office, r.ID)
	if err != nil {
		return ComplaintReply{}, err
	}
	return s.reply(d.Store, cl, c)
}

// ClassifyComplaintRequest classifies a complaint of the caller's office.
type ClassifyComplaintRequest struct {
	ID       string             `json:"id"`
	Category complaint.Category `json:"category"`
}

// RefuseComplaintRequest refuses a complaint, with the reason.
type RefuseComplaintRequest struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// AskMoreComplaintRequest asks the citizen for what the complaint lacks.
type AskMoreComplaintRequest struct {
	ID   string `json:"id"`
	What string `json:"what"`
}

// AnswerComplaintRequest answers a complaint, with files (Files.Put) when
// the answer is a signed paper.
type AnswerComplaintRequest struct {
	ID    string       `json:"id"`
	Text  string       `json:"text"`
	Files []attach.Ref `json:"files"`
}

// PublishComplaintRequest records that the answer was published.
type PublishComplaintRequest struct {
	ID   string `json:"id"`
	Note string `json:"note"`
}

// RateComplaintRequest records the citizen's rating of the answer.
type RateComplaintRequest struct {
	ID        string `json:"id"`
	Satisfied bool   `json:"satisfied"`
	Note      string `json:"note"`
}

// act records one act on a complaint of the caller's office, once its
// rules allow it; body builds the event's body from the act stamped with
// the caller and the time.
func (s *Complaints) act(ctx context.Context, id, kind, text string, body func(a complaint.Act, c complaint.Complaint) (any, error)) (ComplaintReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ComplaintReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	id = strings.TrimSpace(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	c, found, err := readComplaint(d.Store, office, id)
	if err != nil {
		return ComplaintReply{}, err
	}
	if !found {
		return ComplaintReply{}, &Error{Code: CodeNotFound, Field: "id", Message: "no complaint " + id + " of office " + office, Params: map[string]string{"id": id}}
	}
	text = strings.TrimSpace(text)
	if len(text) > 8000 {
		return ComplaintReply{}, FieldError("text", "the text is too long")
	}
	if err := complaintRuleError(c.Can(kind, text)); err != nil {
		return ComplaintReply{}, err
	}
	b, err := body(complaint.Act{By: cl.Actor(), At: s.now().UTC(), Text: text}, c)
	if err != nil {
		return ComplaintReply{}, err
	}
	subject := complaint.Subject(office, id)
	if _, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: kind, Subject: subject, Body: mustJSON(b)}); err != nil {
		return ComplaintReply{}, appendErr(err, "recording the act on the complaint")
	}
	if c, _, err = readComplaint(d.Store, office, id); err != nil {
		return ComplaintReply{}, err
	}
	return s.reply(d.Store, cl, c)
}

// Classify sets a complaint's category (rules, procedure or conduct),
// until it is answered or refused.
func (s *Complaints) Classify(ctx context.Context, req ClassifyComplaintRequest) (ComplaintReply, error) {
	if !req.Category.Valid() {
		return ComplaintReply{}, FieldError("category", "choose rules, procedure or conduct")
	}
	return s.act(ctx, req.ID, complaint.KindClassified, "", func(a complaint.Act, _ complaint.Complaint) (any, error) {
		return complaint.Classification{Act: a, Category: req.Category}, nil
	})
}

// Refuse refuses a complaint the office does not handle, with the reason.
func (s *Complaints) Refuse(ctx context.Context, req RefuseComplaintRequest) (ComplaintReply, error) {
	return s.act(ctx, req.ID, complaint.KindRefused, req.Reason, func(a complaint.Act, _ complaint.Complaint) (any, error) { return a, nil })
}

// AskMore asks the citizen for what the complaint lacks.
func (s *Complaints) AskMore(ctx context.Context, req AskMoreComplaintRequest) (ComplaintReply, error) {
	return s.act(ctx, req.ID, complaint.KindMoreRequested, req.What, func(a complaint.Act, _ complaint.Complaint) (any, error) { return a, nil })
}

// Answer answers a complaint. The day the answer must be published by is
// computed now, with the node's calendar. Each file must be one Files.Put
// stored on this desk.
func (s *Complaints) Answer(ctx context.Context, req AnswerComplaintRequest) (ComplaintReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ComplaintReply{}, err
	}
	for i, f := range req.Files {
		id, err := store.ParseBlobID(f.ID)
		size, serr := d.Store.BlobSize(id)
		if err != nil || serr != nil || size != f.Size {
			return ComplaintReply{}, &Error{Code: CodeInvalidInput, Field: "files[" + strconv.Itoa(i) + "]", Message: "the file " + f.Name + " was not stored on this desk: attach it again",
				Params: map[string]string{"rule": "file_missing", "scope": "file"}}
		}
	}
	return s.act(ctx, req.ID, complaint.KindAnswered, req.Text, func(a complaint.Act, c complaint.Complaint) (any, error) {
		cal, err := s.cal.calendarFor(d.Store)
		if err != nil {
			return nil, err
		}
		// The publication's time is the one in force when answering.
		lim, err := complaintLimits(d.Store, c.Office)
		if err != nil {
			return nil, err
		}
		due, err := complaint.PublishDue(cal, cal.DueRulesAt(a.At), a.At, lim.Limits)
		if err != nil {
			return nil, calendarError("at", err)
		}
		return complaint.Answer{Act: a, Files: req.Files, PublishDue: due, LimitsVersion: lim.ID()}, nil
	})
}

// Publish records that the answer was published (on the office's board or
// site).
func (s *Complaints) Publish(ctx context.Context, req PublishComplaintRequest) (ComplaintReply, error) {
	return s.act(ctx, req.ID, complaint.KindPublished, req.Note, func(a complaint.Act, _ complaint.Complaint) (any, error) { return a, nil })
}

// Rate records the citizen's rating of the answer, once.
func (s *Complaints) Rate(ctx context.Context, req RateComplaintRequest) (ComplaintReply, error) {
	return s.act(ctx, req.ID, complaint.KindRated, req.Note, func(a complaint.Act, _ complaint.Complaint) (any, error) {
		return complaint.Rating{Act: a, Satisfied: req.Satisfied}, nil
	})
}

// complaintNCID is the ID of the nonconformity a late complaint raises,
// derived from its cause like the automatic ones of dossiers.
func complaintNCID(id string) string { return iso.AutoNCID(complaint.LateCause(id)) }

// scanComplaintNCs raises, for each complaint the office handles that is
// late now, the nonconformity of its cause (complaint.LateCause, source
// complaint) when not raised yet. Like scanNCs for dossiers it is
// idempotent: the subject is derived from the cause, so a second scan,
// here or on another desk, finds it raised; two desks that raise it before
// they sync write the same subject and the fold keeps one. It returns how
// many it raised.
func scanComplaintNCs(st *store.Store, office string, now time.Time) (int, error) {
	all, err := officeComplaints(st, office)
	if err != nil {
		return 0, err
	}
	var drafts []store.Draft
	for _, c := range all {
		late := c.Late(now)
		if len(late) == 0 {
			continue
		}
		cause := complaint.LateCause(c.ID)
		subject := iso.NCSubject(office, iso.AutoNCID(cause))
		if _, err := st.State(isoNCProjID, subject); err == nil {
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return 0, Wrap(CodeInternal, err, "reading "+subject)
		}
		n := iso.NCRaised{ID: iso.AutoNCID(cause), Office: office, Source: iso.SourceComplaint, Cause: cause,
			Rule: "complaint handled after its legal time (" + strings.Join(late, ", ") + ")", Dossier: c.Dossier, Clause: "8.2.1",
			Title: "Phản ánh, kiến nghị " + c.ID + " xử lý quá hạn", RaisedAt: now.UTC()}
		drafts = append(drafts, store.Draft{Owner: office, Kind: iso.KindNCRaised, Subject: subject, Body: mustJSON(n)})
	}
	if len(drafts) == 0 {
		return 0, nil
	}
	if _, err := st.AppendBatch(drafts); err != nil {
		return 0, appendErr(err, "raising the nonconformities of late complaints")
	}
	return len(drafts), nil
}
