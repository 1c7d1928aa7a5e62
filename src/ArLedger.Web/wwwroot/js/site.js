// "/" jumps to the page's search box, as in most business apps, unless the user is typing somewhere.
document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var search = document.querySelector('[data-search]');
    if (!search) return;
    e.preventDefault();
    search.focus();
    search.select();
});
