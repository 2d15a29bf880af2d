package print

import (
	"errors"
	"io"
	"strconv"
	"strings"
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

// intro draws the opening common to Forms 02 to 04: the addressee with the
// applicant's details, the dossier code and the procedure, then moves below
// the QR code.
func (f *form) intro(d Doc) {
	ds := d.Dossier
	f.bw.para(0, span{"", "Mã hồ sơ:"}, span{"B", orDots(ds.Code)})
	received := ""
	if !ds.ReceivedAt.IsZero() {
		received = "Ngày " + vnDate(ds.ReceivedAt) + ", "
	}
	f.bw.para(0, span{"", received + "Bộ phận tiếp nhận và trả kết quả " + d.Office.desk() + " tiếp nhận hồ sơ của:"})
	f.applicant(ds.Applicant)
	f.bw.para(itemIndent, span{"", "Nội dung yêu cầu giải quyết:"}, span{"B", procedure(ds.Procedure)})
	f.clearQR()
}

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
	s := d.Dossier.Supplements[n-1]
	f, err := r.start(d, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", s.At)
	if err != nil {
		return err
	}
	f.intro(d)
	bw := f.bw
	bw.para(0, span{"", "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"})
	var missing []string
	for _, m := range s.Missing {
		if strings.TrimSpace(m) != "" {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		missing = []string{""}
	}
	for i, m := range missing {
		bw.para(itemIndent+4, span{"", strconv.Itoa(i+1) + ". " + orDots(m)})
	}
	if note := strings.TrimSpace(s.Note); note != "" {
		bw.para(0, span{"", "Lý do: " + note})
	}
	bw.para(0, span{"", "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với Bộ phận tiếp nhận và trả kết quả " +
		d.Office.desk() + " để được hướng dẫn./."})
	signatures(f.pdf, signer{"NGƯỜI HƯỚNG DẪN", signHint})
	return f.finish(w, "supplement request")
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
	f, err := r.start(d, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", res.At)
	if err != nil {
		return err
	}
	f.intro(d)
	bw := f.bw
	bw.para(0, span{"", "Sau khi xem xét, Bộ phận tiếp nhận và trả kết quả " + d.Office.desk() +
		" từ chối tiếp nhận, giải quyết hồ sơ này."})
	bw.para(0, span{"", "Lý do từ chối:"}, span{"B", orDots(res.Reason)})
	bw.para(0, span{"", "Xin thông báo để Ông/Bà được biết và thực hiện./."})
	signatures(f.pdf, signer{"NGƯỜI TIẾP NHẬN HỒ SƠ", signHint})
	return f.finish(w, "refusal")
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
	moved, before, ok := reschedule(d.Dossier)
	if !ok || !d.Dossier.Rescheduled {
		return ErrNotRescheduled
	}
	f, err := r.start(d, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", moved.At)
	if err != nil {
		return err
	}
	f.intro(d)
	bw := f.bw
	agency := d.Office.desk()
	bw.para(0, span{"", "Thời gian hẹn trả kết quả giải quyết hồ sơ:"}, span{"B", vnTimeOrDots(before) + "."})
	bw.para(0, span{"", "Tuy nhiên đến nay, " + agency + " chưa trả kết quả giải quyết hồ sơ của Ông/Bà."})
	bw.para(0, span{"", "Lý do: " + orDots(strings.TrimSpace(moved.Note))})
	bw.para(0, span{"", "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. " + agency + " xin lỗi Ông/Bà và hẹn trả kết quả vào"},
		span{"B", vnTimeOrDots(moved.Due) + "."})
	bw.para(0, span{"", "Rất mong nhận được sự thông cảm của Ông/Bà./."})
	signatures(f.pdf, signer{"THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)"})
	return f.finish(w, "apology")
}
