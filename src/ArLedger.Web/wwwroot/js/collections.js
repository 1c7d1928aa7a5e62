// Ctrl+Enter (Cmd+Enter on a Mac) in a marked textarea submits its form, so a clerk logging a call never leaves the keyboard.
document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    var t = e.target;
    if (!t || !t.matches || !t.matches('[data-submit-on-ctrl-enter]') || !t.form) return;
    e.preventDefault();
    t.form.requestSubmit();
});

// A call has an outcome; a note has none: the outcome field shows only for calls.
// Alt+N and Alt+C switch between a note and a call from anywhere on the page (by key position, so a Mac's Alt+C works too).
(function () {
    var radios = document.querySelectorAll('[data-activity-kind]');
    if (radios.length === 0) return;
    var form = radios[0].form;
    function sync() {
        var call = form.querySelector('[data-activity-kind]:checked');
        var box = form.querySelector('[data-call-only]');
        if (!box || !call) return;
        box.hidden = call.value !== 'Call';
    }
    radios.forEach(function (r) { r.addEventListener('change', sync); });
    document.addEventListener('keydown', function (e) {
        if (!e.altKey || e.ctrlKey || e.metaKey) return;
        var kind = e.code === 'KeyN' ? 'Note' : e.code === 'KeyC' ? 'Call' : null;
        if (!kind) return;
        var radio = form.querySelector('[data-activity-kind][value="' + kind + '"]');
        if (!radio) return;
        e.preventDefault();
        radio.checked = true;
        sync();
        var next = kind === 'Call' ? form.querySelector('[data-call-only] select') : form.querySelector('textarea');
        if (next) next.focus();
    });
    sync();
})();

// The payment plan form: the running total of the instalments against the open amount of the chosen invoices.
(function () {
    var form = document.querySelector('[data-plan-form]');
    if (!form) return;
    var out = form.querySelector('[data-plan-total]');
    function parse(text) {
        var s = (text || '').replace(/[\s\u00a0\u202f€$£]/g, '');
        var comma = s.lastIndexOf(','), dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
        else if (comma >= 0) s = (s.match(/,/g).length === 1) ? s.replace(',', '.') : s.replace(/,/g, '');
        var n = parseFloat(s);
        return isNaN(n) ? 0 : Math.round(n * 100);
    }
    function update() {
        var open = 0, total = 0;
        form.querySelectorAll('[data-open-cents]').forEach(function (c) { if (c.checked) open += parseInt(c.getAttribute('data-open-cents'), 10); });
        form.querySelectorAll('[data-instalment-amount]').forEach(function (i) { total += parse(i.value); });
        var fmt = new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: form.getAttribute('data-currency') || 'EUR' });
        var diff = total - open;
        out.textContent = out.getAttribute('data-template')
            .replace('{0}', fmt.format(total / 100)).replace('{1}', fmt.format(open / 100)).replace('{2}', fmt.format(diff / 100));
        out.classList.toggle('text-danger', diff !== 0);
        out.classList.toggle('text-success', diff === 0 && open > 0);
    }
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
})();
