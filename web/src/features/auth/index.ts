export { SignInPage } from './components/sign-in-page';
export { CognitoCallbackPage } from './components/cognito-callback-page';
