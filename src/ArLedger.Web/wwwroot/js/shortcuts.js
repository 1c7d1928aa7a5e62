// Alt+key runs the element whose accesskey is that key, the same in every browser: Firefox wants Alt+Shift for
// access keys and some setups (headless, remote desktops) none. The keydown is cancelled so a browser that would
// also run the access key natively does not run it a second time; one that already ran it (Chromium on macOS)
// marks the keydown as handled and is left alone.
document.addEventListener('keydown', function (e) {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
    var m = /^(?:Key|Digit)(\w)$/.exec(e.code);
    var key = m ? m[1].toLowerCase() : e.code === 'Comma' ? ',' : e.code === 'Period' ? '.' : null;
    if (!key) return;
    var target = Array.prototype.find.call(document.querySelectorAll('[accesskey]'), function (el) {
        return el.getAttribute('accesskey').toLowerCase() === key && el.offsetParent !== null
            && !el.closest('.disabled') && !el.disabled;
    });
    if (!target) return;
    e.preventDefault();
    if (target.matches('input, select, textarea')) target.focus();
    else target.click();
});
