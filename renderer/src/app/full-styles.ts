// antd's whole stylesheet, loaded after the first screen (see app/deferred.ts and renderer/build/first-screen-css.ts).
import 'antd/dist/antd.css';
