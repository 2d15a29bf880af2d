package print

import (
	"errors"
	"io"
	"time"

	"hoso/dossier"
)

// The errors returned when a dossier lacks what a form prints.
var (
	// ErrNoSupplement is returned by Supplement for a dossier without a
	// supplement request.
	ErrNoSupplement = errors.New("print: the dossier has no supplement request")
	// ErrNotRefused is returned by Refusal for a dossier that was not
	// refused.
	ErrNotRefused = errors.New("print: the dossier was not refused")
	// ErrNotRescheduled is returned by Apology for a dossier whose due date
	// was not moved.
	ErrNotRescheduled = errors.New("print: the dossier was not rescheduled")
)

// Supplement writes Form 02, the request to supplement and complete the
// dossier (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ), for the latest
// supplement request of d.Dossier to w as an A5 PDF. It returns
// ErrNoSupplement when there is none. The same input always gives the same
// bytes.
func (r *Renderer) Supplement(w io.Writer, d Doc) error {
	if w == nil {
		return errNoWriter
	}
	n := len(d.Dossier.Supplements)
	if n == 0 {
		return ErrNoSupplement
	}
	return r.render(w, d, "02", d.Dossier.Supplements[n-1].At)
}

// Refusal writes Form 03, the refusal to accept the dossier (Phiếu từ chối
// tiếp nhận giải quyết hồ sơ), for d.Dossier to w as an A5 PDF. It returns
// ErrNotRefused unless the dossier was refused or not accepted. The same
// input always gives the same bytes.
func (r *Renderer) Refusal(w io.Writer, d Doc) error {
	if w == nil {
		return errNoWriter
	}
	res := d.Dossier.Result
	if res == nil || (res.Kind != dossier.ResultRefused && res.Kind != dossier.ResultNotAccepted) {
		return ErrNotRefused
	}
	return r.render(w, d, "03", res.At)
}

// reschedule returns the latest reschedule of ds and the due date it
// replaced: the due date before it in the history, or OriginalDue.
func reschedule(ds dossier.Dossier) (moved dossier.Deadline, before time.Time, ok bool) {
	for i := len(ds.Deadlines) - 1; i >= 0; i-- {
		if ds.Deadlines[i].Reason != dossier.DeadlineReschedule {
			continue
		}
		before = ds.OriginalDue
		if i > 0 {
			before = ds.Deadlines[i-1].Due
		}
		return ds.Deadlines[i], before, true
	}
	return dossier.Deadline{}, time.Time{}, false
}

// Apology writes Form 04, the apology and new appointment (Phiếu xin lỗi và
// hẹn lại ngày trả kết quả), for the latest reschedule of d.Dossier to w as
// an A5 PDF. It returns ErrNotRescheduled when the due date was not moved.
// The same input always gives the same bytes.
func (r *Renderer) Apology(w io.Writer, d Doc) error {
	if w == nil {
		return errNoWriter
	}
	moved, _, ok := reschedule(d.Dossier)
	if !ok || !d.Dossier.Rescheduled {
		return ErrNotRescheduled
	}
	return r.render(w, d, "04", moved.At)
}
