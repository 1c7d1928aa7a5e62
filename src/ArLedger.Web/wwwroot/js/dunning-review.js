// Opening "Exclude" puts the cursor in the reason, so the clerk types it and presses Enter. The toggle event does not
// bubble, so it is caught on its way down: excluded rows the page swaps in work too.
document.addEventListener('toggle', function (e) {
    var d = e.target;
    if (d.matches && d.matches('details.exclude') && d.open) d.querySelector('input[name=reason]').focus();
}, true);
