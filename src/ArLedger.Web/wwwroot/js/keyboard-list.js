// J/K or the arrow keys move the focus between the actions of a list (a worklist's "Log a call", a bank statement's
// "Accept"); Enter then follows the focused one. The page names its actions in the script tag:
// <script src="/js/keyboard-list.js" data-items="[data-bank-line] [data-accept]"></script>
(function () {
    var selector = document.currentScript && document.currentScript.dataset.items;
    if (!selector) return;
    var actions = Array.prototype.slice.call(document.querySelectorAll(selector));
    if (actions.length === 0) return;
    document.addEventListener('keydown', function (e) {
        if (e.ctrlKey || e.altKey || e.metaKey) return;
        var t = e.target;
        if (t && t.matches && t.matches('input, select, textarea')) return;
        var step = e.key === 'j' || e.key === 'ArrowDown' ? 1 : e.key === 'k' || e.key === 'ArrowUp' ? -1 : 0;
        if (step === 0) return;
        var at = actions.indexOf(document.activeElement);
        var next = at < 0 ? 0 : Math.min(actions.length - 1, Math.max(0, at + step));
        e.preventDefault();
        actions[next].focus();
    });
})();
