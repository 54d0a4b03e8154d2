// Loaded first and without defer: the page says it has JavaScript before it is drawn, so the menu's
// collapse and its "More" list are closed only where a script can open them (app.css, ".no-js").
document.documentElement.classList.remove("no-js");
