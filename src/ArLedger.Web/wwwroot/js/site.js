// "/" jumps to the page's search box or the top bar's, as in most business apps, unless the user is typing somewhere.
document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    // The page's own search box when it has one (a list's filter), else the top bar's.
    var search = document.querySelector('main [data-search]') || document.querySelector('#global-search input[name=q]');
    if (!search) return;
    e.preventDefault();
    search.focus();
    search.select();
});

// Controls marked data-autosubmit (list filters) send their form as soon as they change; a search box still waits
// for Enter.
document.addEventListener('change', function (e) {
    var t = e.target;
    if (t.matches && t.matches('[data-autosubmit]') && t.form) t.form.requestSubmit();
});

// A form with data-confirm asks its question before it is sent.
document.addEventListener('submit', function (e) {
    var message = e.target.dataset && e.target.dataset.confirm;
    if (message && !window.confirm(message)) e.preventDefault();
});

// A checkbox with data-check-all="ids" ticks or clears every checkbox named "ids".
document.addEventListener('change', function (e) {
    var box = e.target;
    if (!box.matches || !box.matches('[data-check-all]')) return;
    document.querySelectorAll('input[name="' + box.dataset.checkAll + '"]').forEach(function (c) { c.checked = box.checked; });
});
