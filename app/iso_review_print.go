package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/iso"
	"hoso/print"
	"hoso/store"
)

// PrintReviewRequest names a management review to print: its office
// (empty: the caller's) and ID.
type PrintReviewRequest struct {
	Office string `json:"office"`
	ID     string `json:"id"`
}

// PrintReview prints the minutes of a management review, A4, with the
// print QR naming the review's subject and the hash of its events, so
// Records.Verify tells whether the minutes still match the record.
func (x *Iso) PrintReview(ctx context.Context, req PrintReviewRequest) (FormReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return FormReply{}, err
	}
	subject := iso.ReviewSubject(office, strings.TrimSpace(req.ID))
	var rec reviewRecord
	if ok, err := readState(d.Store, isoReviewProjID, subject, &rec); err != nil {
		return FormReply{}, err
	} else if !ok || rec.Review == nil {
		return FormReply{}, &Error{Code: CodeNotFound, Field: "id", Message: "no review " + req.ID + " at office " + office}
	}
	evs, err := d.Store.Events(subject)
	if err != nil {
		return FormReply{}, Wrap(CodeTampered, err, "the records of "+subject+" do not verify")
	}
	r, err := x.print.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	verify := strings.Join([]string{verifyPrefix, office, subject, fmt.Sprint(len(evs)), eventsHash(evs, len(evs))}, "|")
	logKey := store.LocalPrintLog(subject)
	reprint := printCount(d.Store, logKey)
	held, _ := time.ParseInLocation(time.DateOnly, rec.Review.Date, calendar.Zone)
	var buf bytes.Buffer
	err = r.ReviewMinutes(&buf, print.ReviewMinutes{Office: printOffice(d.Store, office, held), Review: *rec.Review, PrintedAt: x.now(), Reprint: reprint, Verify: verify})
	if err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering the review minutes")
	}
	if err := recordPrint(d.Store, logKey, printEntry{At: x.now().UTC(), By: CallerFrom(ctx).Actor(), Verify: verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{
		Filename: fmt.Sprintf("bien-ban-xem-xet-lanh-dao-%s-%s.pdf", office, rec.Review.ID),
		Mime:     "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()),
		Reprint: reprint, Verify: verify,
	}, nil
}
