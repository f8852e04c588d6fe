import { serverSuite } from "./scenario.js";

serverSuite("mysql");
