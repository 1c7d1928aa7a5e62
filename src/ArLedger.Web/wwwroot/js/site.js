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
