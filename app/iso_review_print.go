package app

import (
	"context"
	"fmt"
	"io"
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
	verify, err := subjectVerify(d.Store, office, subject)
	if err != nil {
		return FormReply{}, err
	}
	held, _ := time.ParseInLocation(time.DateOnly, rec.Review.Date, calendar.Zone)
	return x.printLogged(d.Store, CallerFrom(ctx), store.LocalPrintLog(subject), verify,
		fmt.Sprintf("bien-ban-xem-xet-lanh-dao-%s-%s.pdf", office, rec.Review.ID),
		func(r *print.Renderer, w io.Writer, reprint int) error {
			return r.ReviewMinutes(w, print.ReviewMinutes{Office: printOffice(d.Store, office, held), Review: *rec.Review, PrintedAt: x.now(), Reprint: reprint, Verify: verify})
		})
}
