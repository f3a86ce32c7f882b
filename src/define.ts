/** Registers every Courbaril element (side effect). */
import './components/viewer/cb-viewer.js';
import './components/viewport/cb-viewport.js';
import './components/mpr/cb-mpr.js';
import './components/report/cb-sr-report.js';
import './components/report/cb-pdf-report.js';
import './components/study-browser/cb-study-browser.js';
import './components/reading-form/cb-reading-form.js';
import './components/screening-reading/cb-screening-reading.js';
