// The menu button on small screens: opens and closes the menu, says so to screen readers, and
// closes again with Escape. Without JavaScript the menu is simply always shown.
(function () {
  var button = document.querySelector('.nav-toggle');
  var menu = document.getElementById('site-menu');
  if (!button || !menu) return;
  function set(open) {
    button.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('menu-open', open);
  }
  button.addEventListener('click', function () {
    set(button.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      set(false);
      button.focus();
    }
  });
})();
